package org.seamless.adapters.nhshl7v2;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Original-mode HL7 v2 acknowledgements: {@code AA} once the message is durably accepted (or was before),
 * {@code AE} with an ERR segment naming the bad field, {@code AR} for a structural failure or when Seamless
 * cannot accept anything now. The ERR segment carries both the v2.3/2.4 form (ERR-1, error code and
 * location) and the v2.5 form (ERR-2 location, ERR-3 code from table 0357, ERR-4 severity), so a sender of
 * any supported version reads it. Texts never repeat a value from the message.
 */
final class Hl7Acks {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");
    static final String APPLICATION = "SEAMLESS";

    private final Clock clock;

    Hl7Acks(Clock clock) {
        this.clock = clock;
    }

    byte[] accept(MshHeader msh) {
        return ack(msh, "AA", null, null).getBytes(StandardCharsets.UTF_8);
    }

    byte[] problem(MshHeader msh, Hl7Problem p, String reference) {
        String text = reference == null ? p.getMessage() : p.getMessage() + "; kept as " + reference;
        return ack(msh, p.ackCode(), p, clean(text)).getBytes(StandardCharsets.UTF_8);
    }

    private String ack(MshHeader msh, String code, Hl7Problem p, String text) {
        String version = Hl7v2Versions.SUPPORTED.contains(msh.version()) ? msh.version() : "2.5.1";
        String now = TS.format(clock.instant().atOffset(ZoneOffset.UTC));
        String control = clean(msh.controlId());
        StringBuilder b = new StringBuilder()
                .append("MSH|^~\\&|").append(APPLICATION).append('|').append(APPLICATION).append('|')
                .append(clean(msh.sendingApplication())).append('|').append(clean(msh.sendingFacility())).append('|')
                .append(now).append("||ACK^").append(clean(msh.trigger())).append("^ACK|")
                .append(control.isEmpty() ? "ACK" : "ACK-" + control).append("|P|").append(version).append('\r')
                .append("MSA|").append(code).append('|').append(control);
        if (text != null) {
            b.append('|').append(text);
        }
        b.append('\r');
        if (p != null) {
            String seq = p.field() > 0 ? "1" : "";
            String field = p.field() > 0 ? Integer.toString(p.field()) : "";
            String codeText = description(p.hl7Code());
            b.append("ERR|").append(p.segment()).append('^').append(seq).append('^').append(field).append('^')
                    .append(p.hl7Code()).append('&').append(codeText).append("&HL70357")
                    .append('|').append(p.segment()).append('^').append(seq).append('^').append(field)
                    .append('|').append(p.hl7Code()).append('^').append(codeText).append("^HL70357")
                    .append("|E").append('\r');
        }
        return b.toString();
    }

    private static String description(String code) {
        return switch (code) {
            case Hl7Problem.SEGMENT_SEQUENCE_ERROR -> "Segment sequence error";
            case Hl7Problem.REQUIRED_FIELD_MISSING -> "Required field missing";
            case Hl7Problem.DATA_TYPE_ERROR -> "Data type error";
            case Hl7Problem.TABLE_VALUE_NOT_FOUND -> "Table value not found";
            case Hl7Problem.UNSUPPORTED_MESSAGE_TYPE -> "Unsupported message type";
            case Hl7Problem.UNSUPPORTED_EVENT_CODE -> "Unsupported event code";
            case Hl7Problem.UNSUPPORTED_VERSION -> "Unsupported version id";
            case Hl7Problem.UNKNOWN_KEY -> "Unknown key identifier";
            case Hl7Problem.DUPLICATE_KEY -> "Duplicate key identifier";
            default -> "Application internal error";
        };
    }

    /** Keeps a value from breaking the ACK's own delimiters. */
    private static String clean(String s) {
        if (s == null) {
            return "";
        }
        String out = s.replaceAll("[|^~\\\\&\\r\\n]", " ");
        return out.length() > 80 ? out.substring(0, 80) : out;
    }
}
