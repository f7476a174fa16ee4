package org.seamless.hub.identity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import org.seamless.mappings.canonical.NhsNumber;

/**
 * One identity event from the Multicast Notification Service (ADR 0084), as the subscriber understood it.
 *
 * @param id          the event's id (MNS: a UUID), the idempotency key
 * @param type        the MNS event type as received, e.g. {@code pds-death-notification-2}
 * @param subject     the NHS number the event is about (for a number change: the superseded number)
 * @param replacedBy  for a number change, the number that replaces {@code subject}
 * @param dateOfDeath for a death, the date of death when given
 * @param postcode    for an address change, the new home postcode
 */
public record IdentityEvent(String id, Kind kind, String type, Instant time, NhsNumber subject,
                            Optional<NhsNumber> replacedBy, Optional<LocalDate> dateOfDeath, Optional<String> postcode) {

    /** The event kinds the hub acts on, each with the MNS event types that carry it (any version). */
    public enum Kind {
        NHS_NUMBER_CHANGE("nhs-number-change"),
        DEATH("pds-death-notification"),
        ADDRESS_CHANGE("pds-change-of-address");

        private final String typePrefix;

        Kind(String typePrefix) {
            this.typePrefix = typePrefix;
        }

        /** The kind of an MNS event type {@code <prefix>-<version>}, e.g. {@code nhs-number-change-2}. */
        public static Optional<Kind> ofType(String type) {
            return type == null ? Optional.empty() : Arrays.stream(values())
                    .filter(k -> type.matches(java.util.regex.Pattern.quote(k.typePrefix) + "-[0-9]{1,3}")).findFirst();
        }

        public String typePrefix() {
            return typePrefix;
        }
    }

    @Override
    public String toString() {
        return "IdentityEvent[id=" + id + ", type=" + type + "]";
    }
}
