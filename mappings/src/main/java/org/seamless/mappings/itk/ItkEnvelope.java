package org.seamless.mappings.itk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An ITK 2 distribution envelope: routing header and payloads. Payloads are personal data, so
 * {@link #toString()} shows the header only.
 *
 * @param senderAddress      ITK address of the sender, or null
 * @param auditIdentity      ITK identity of the sending organisation, or null
 * @param handling           handling specification entries (key URI to value), in order
 */
public record ItkEnvelope(String trackingId, String service, String senderAddress, List<String> recipientAddresses,
                          String auditIdentity, Map<String, String> handling, List<Payload> payloads) {

    public ItkEnvelope {
        Objects.requireNonNull(trackingId, "trackingId");
        Objects.requireNonNull(service, "service");
        recipientAddresses = List.copyOf(recipientAddresses == null ? List.of() : recipientAddresses);
        handling = handling == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(handling));
        payloads = List.copyOf(payloads == null ? List.of() : payloads);
        if (!ItkTrackingIds.isValid(trackingId)) {
            throw new ItkEnvelopeException("tracking id is not an upper-case UUID");
        }
        if (payloads.isEmpty()) {
            throw new ItkEnvelopeException("an envelope needs at least one payload");
        }
    }

    /** The first payload of a MIME type. */
    public Optional<Payload> payload(String mimeType) {
        return payloads.stream().filter(p -> p.mimeType().equalsIgnoreCase(mimeType)).findFirst();
    }

    @Override
    public String toString() {
        return "ItkEnvelope[trackingId=" + trackingId + ", service=" + service + ", payloads=" + payloads.size() + "]";
    }

    /**
     * One payload with its manifest entry.
     *
     * @param id      the payload id (an XML ID, so it cannot start with a digit: {@code uuid_...})
     * @param content the payload: one XML element serialised as text, or plain text
     */
    public record Payload(String id, String mimeType, String profileId, String content) {
        public Payload {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(mimeType, "mimeType");
            Objects.requireNonNull(content, "content");
        }

        @Override
        public String toString() {
            return "Payload[id=" + id + ", mimeType=" + mimeType + ", content redacted]";
        }
    }
}
