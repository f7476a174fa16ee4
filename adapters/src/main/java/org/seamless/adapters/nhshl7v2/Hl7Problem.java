package org.seamless.adapters.nhshl7v2;

/**
 * Why a message cannot be accepted, in the terms of an HL7 v2 acknowledgement: the acknowledgement
 * code ({@code AE} bad content, {@code AR} structure or "not now"), the segment and field the ERR
 * segment names, the HL7 error code (table 0357) and a text that never holds a value from the message.
 */
final class Hl7Problem extends Exception {
    /** HL7 table 0357 codes used here. */
    static final String REQUIRED_FIELD_MISSING = "101";
    static final String DATA_TYPE_ERROR = "102";
    static final String TABLE_VALUE_NOT_FOUND = "103";
    static final String SEGMENT_SEQUENCE_ERROR = "100";
    static final String UNSUPPORTED_MESSAGE_TYPE = "200";
    static final String UNSUPPORTED_EVENT_CODE = "201";
    static final String UNSUPPORTED_VERSION = "203";
    static final String UNKNOWN_KEY = "204";
    static final String DUPLICATE_KEY = "205";
    static final String APPLICATION_ERROR = "207";

    private final String ackCode;
    private final String segment;
    private final int field;
    private final String hl7Code;
    private final String reasonCode;

    Hl7Problem(String ackCode, String segment, int field, String hl7Code, String reasonCode, String text) {
        super(text, null, false, false);
        this.ackCode = ackCode;
        this.segment = segment;
        this.field = field;
        this.hl7Code = hl7Code;
        this.reasonCode = reasonCode;
    }

    /** Bad content: {@code AE}. */
    static Hl7Problem error(String segment, int field, String hl7Code, String reasonCode, String text) {
        return new Hl7Problem("AE", segment, field, hl7Code, reasonCode, text);
    }

    /** Structure, or not processed for a reason unrelated to content: {@code AR}. */
    static Hl7Problem reject(String segment, int field, String hl7Code, String reasonCode, String text) {
        return new Hl7Problem("AR", segment, field, hl7Code, reasonCode, text);
    }

    String ackCode() {
        return ackCode;
    }

    String segment() {
        return segment;
    }

    int field() {
        return field;
    }

    String hl7Code() {
        return hl7Code;
    }

    /** A stable code for quarantine, metrics and tests, e.g. {@code missing-nhs-number}. */
    String reasonCode() {
        return reasonCode;
    }

    /** {@code PID-3}, or the segment alone when no field is named. */
    String location() {
        return field > 0 ? segment + "-" + field : segment;
    }
}
