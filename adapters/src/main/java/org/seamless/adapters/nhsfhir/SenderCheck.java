package org.seamless.adapters.nhsfhir;

import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.mappings.message.FhirUrls;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.NoticeFields;

/**
 * An agency submits only as itself: the ODS codes a message claims for its sender
 * ({@code MessageHeader.sender}, resolved in the bundle or as a logical identifier) and its source
 * ({@code MessageHeader.source.endpoint} in the {@code urn:nhs-uk:addressing:ods:} form) must be
 * the authenticated agency's own. The answer names which element disagrees, never the codes.
 */
final class SenderCheck {
    private SenderCheck() {
    }

    /** Empty when the message may come from {@code agency}; otherwise the reason to refuse it. */
    static Optional<String> mismatch(Bundle bundle, AgencyConfig agency) {
        String own = agency.odsCode();
        Optional<MessageHeader> header = MessageBundles.header(bundle);
        if (header.isEmpty()) {
            return Optional.empty(); // the validator has already refused a bundle without a header
        }
        Optional<String> senderOds = NoticeFields.hospital(bundle).flatMap(NoticeFields::odsCode)
                .or(() -> header.filter(MessageHeader::hasSender)
                        .map(h -> h.getSender().getIdentifier())
                        .filter(i -> FhirUrls.ODS_ORGANIZATION_CODE.equals(i.getSystem()))
                        .map(i -> i.getValue()));
        if (senderOds.isPresent() && !senderOds.get().equalsIgnoreCase(own)) {
            return Optional.of("MessageHeader.sender is not the authenticated agency");
        }
        String endpoint = header.get().getSource().getEndpoint();
        if (endpoint != null && endpoint.startsWith(FhirUrls.ODS_ENDPOINT_PREFIX)
                && !endpoint.substring(FhirUrls.ODS_ENDPOINT_PREFIX.length()).equalsIgnoreCase(own)) {
            return Optional.of("MessageHeader.source.endpoint is not the authenticated agency's");
        }
        return Optional.empty();
    }
}
