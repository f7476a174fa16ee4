package org.seamless.hub.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.seamless.hub.residence.Postcodes;
import org.seamless.mappings.canonical.NhsNumber;

/**
 * Reads an MNS CloudEvents signal (ADR 0084): {@code specversion}, {@code id}, {@code source}, {@code type},
 * {@code time}, {@code subject} (the NHS number; an object with {@code nhsNumber} in version 1 signals) and
 * {@code dataref} as published, plus the {@code data} fields the hub needs and would otherwise read from PDS
 * through {@code dataref}: {@code replacedBy} (number change), {@code deathDate} (death), {@code postcode}
 * (address change). On hubs that read PDS ({@code seamless.pds.base-url}) the signal is read thin
 * ({@link #parseSignal}) and {@link PdsDetails} reads the details from PDS instead; the {@code data} stand-in is for
 * deployments and tests without PDS. Every refusal names a specific reason code and never quotes a value.
 */
public final class IdentityEventParser {
    public static final String MALFORMED = "identity-event-malformed";
    public static final String UNKNOWN_TYPE = "identity-event-unknown-type";
    public static final String INVALID_NHS_NUMBER = "identity-event-invalid-nhs-number";
    public static final String MISSING_DETAIL = "identity-event-missing-detail";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private IdentityEventParser() {
    }

    /** The signal with its details from the {@code data} stand-in (hubs without PDS). */
    public static IdentityEvent parse(byte[] body) {
        return parse(body, true);
    }

    /** The signal alone, details empty and any {@code data} ignored: PDS supplies them ({@link PdsDetails}). */
    public static IdentityEvent parseSignal(byte[] body) {
        return parse(body, false);
    }

    private static IdentityEvent parse(byte[] body, boolean detailsFromData) {
        JsonNode root;
        try {
            root = body == null ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw new IdentityEventException(MALFORMED, "the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IdentityEventException(MALFORMED, "the body is not a JSON object");
        }
        String id = text(root, "id").filter(i -> ID.matcher(i).matches())
                .orElseThrow(() -> new IdentityEventException(MALFORMED, "id missing or not an event id"));
        String type = text(root, "type").orElseThrow(() -> new IdentityEventException(MALFORMED, "type missing"));
        IdentityEvent.Kind kind = IdentityEvent.Kind.ofType(type)
                .orElseThrow(() -> new IdentityEventException(UNKNOWN_TYPE, "event type not handled"));
        Instant time;
        try {
            time = Instant.parse(text(root, "time").orElseThrow(() -> new IdentityEventException(MALFORMED, "time missing")));
        } catch (DateTimeParseException e) {
            throw new IdentityEventException(MALFORMED, "time is not an RFC 3339 instant");
        }
        JsonNode subjectNode = root.path("subject");
        String subjectText = subjectNode.isObject() ? subjectNode.path("nhsNumber").asText(null) : subjectNode.asText(null);
        NhsNumber subject = nhs(subjectText, "subject");
        if (!detailsFromData) {
            return new IdentityEvent(id, kind, type, time, subject, Optional.empty(), Optional.empty(), Optional.empty());
        }
        JsonNode data = root.path("data");
        Optional<NhsNumber> replacedBy = Optional.empty();
        Optional<LocalDate> death = Optional.empty();
        Optional<String> postcode = Optional.empty();
        switch (kind) {
            case NHS_NUMBER_CHANGE -> {
                NhsNumber next = nhs(text(data, "replacedBy").orElseThrow(() -> new IdentityEventException(MISSING_DETAIL,
                        "number change without data.replacedBy")), "data.replacedBy");
                if (next.equals(subject)) {
                    throw new IdentityEventException(MISSING_DETAIL, "number change to the same number");
                }
                replacedBy = Optional.of(next);
            }
            case DEATH -> {
                try {
                    death = text(data, "deathDate").map(d -> LocalDate.parse(d.length() > 10 ? d.substring(0, 10) : d));
                } catch (DateTimeParseException e) {
                    throw new IdentityEventException(MALFORMED, "data.deathDate is not a date");
                }
            }
            case ADDRESS_CHANGE -> postcode = Optional.of(text(data, "postcode").flatMap(Postcodes::normalise)
                    .orElseThrow(() -> new IdentityEventException(MISSING_DETAIL, "address change without data.postcode")));
        }
        return new IdentityEvent(id, kind, type, time, subject, replacedBy, death, postcode);
    }

    private static NhsNumber nhs(String value, String field) {
        return NhsNumber.tryParse(value)
                .orElseThrow(() -> new IdentityEventException(INVALID_NHS_NUMBER, field + " is not a valid NHS number"));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText().strip()) : Optional.empty();
    }
}
