package org.seamless.mappings.itk;

import java.util.List;
import java.util.Map;

/**
 * The synchronous "OK" a receiving ITK system answers an envelope with: a
 * {@code SimpleMessageResponse} payload, addressed back to the sender, with tracking and payload
 * ids derived from the request's tracking id (the same request gets the same answer).
 */
public final class ItkSimpleResponses {
    /** The ITK SimpleMessageResponse payload. */
    public static final String OK = "<itk:SimpleMessageResponse xmlns:itk=\"urn:nhs-itk:ns:201005\">OK</itk:SimpleMessageResponse>";

    private ItkSimpleResponses() {
    }

    /** @param label distinguishes answering services, so their answers' ids never collide */
    public static ItkEnvelope ok(ItkEnvelope request, String label) {
        return new ItkEnvelope(ItkTrackingIds.nameBased(label + "|" + request.trackingId()), request.service(),
                request.recipientAddresses().isEmpty() ? null : request.recipientAddresses().get(0),
                request.senderAddress() == null ? List.of() : List.of(request.senderAddress()), null, Map.of(),
                List.of(new ItkEnvelope.Payload("uuid_" + ItkTrackingIds.nameBased(label + "-payload|"
                        + request.trackingId()), "text/xml", null, OK)));
    }
}
