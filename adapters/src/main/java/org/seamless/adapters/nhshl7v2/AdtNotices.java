package org.seamless.adapters.nhshl7v2;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.NoticeDetails;

/**
 * Maps a parsed ADT message (any structure of v2.3 to v2.5.1, read in the 2.5.1 model) to the Care Act
 * notice it raises under the trust's {@link NoticeRules}, or to the reason it raises none. Field checks
 * name the field (PID-3, PID-7, PV1-44, ...) and never its value.
 *
 * <p>The notice's message id is a name-based UUID of (agency, MSH-10), and every other fact comes from the
 * message, so the same message sent again gives the same canonical notice: the gate answers it as a
 * duplicate, before or after a restart.
 */
final class AdtNotices {
    /** PID-3 identifier type code (HL7 table 0203) and assigning authority of an NHS number. */
    static final String NHS_NUMBER_TYPE = "NH";
    static final String NHS_AUTHORITY = "NHS";

    private AdtNotices() {
    }

    /** A notice to hand to the gate, or a drop with its reason. */
    sealed interface Outcome permits Notice, Dropped {
    }

    record Notice(NoticeDetails details) implements Outcome {
    }

    record Dropped(NoticeRules.Drop reason) implements Outcome {
    }

    /** The canonical message id of (agency, control id). */
    static String messageId(String agencyId, String controlId) {
        return UUID.nameUUIDFromBytes(("nhs-hl7v2:" + agencyId + ":" + controlId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** Settles a message's NHS number in PDS: {@code given} null means PID-3 had none (ADR 0079). */
    interface Tracer {
        NhsNumber settle(NhsNumber given, org.seamless.adapters.pds.Demographics demographics) throws Hl7Problem;
    }

    static Outcome map(Message message, MshHeader msh, AgencyConfig agency, NoticeRules rules, LocalDate today)
            throws Hl7Problem {
        return map(message, msh, agency, rules, today, null);
    }

    /**
     * The notice of a message; with a {@code tracer}, PID-3 may lack the NHS number when PID-5.1 family name and
     * PID-7 birth date are there to trace by, and the number is settled after every other check passed.
     */
    static Outcome map(Message message, MshHeader msh, AgencyConfig agency, NoticeRules rules, LocalDate today,
                       Tracer tracer) throws Hl7Problem {
        Segment pv1 = segment(message, "PV1");
        String patientClass = pv1 == null ? null : get(pv1, 2, 0, 1);
        String ward = pv1 == null ? null : get(pv1, 3, 0, 1);
        String specialty = pv1 == null ? null : get(pv1, 10, 0, 1);
        String priorWard = pv1 == null ? null : get(pv1, 6, 0, 1);
        NoticeRules.Decision decision = rules.decide(msh.trigger(), patientClass, ward, specialty, priorWard);
        if (decision.event().isEmpty()) {
            return new Dropped(decision.drop());
        }
        SeamlessEvent event = decision.event().get();
        Segment msh0 = segment(message, "MSH");
        Segment pid = segment(message, "PID");
        if (pid == null) {
            throw Hl7Problem.reject("PID", 0, Hl7Problem.SEGMENT_SEQUENCE_ERROR, "missing-pid", "PID segment missing");
        }
        if (pv1 == null) {
            throw Hl7Problem.reject("PV1", 0, Hl7Problem.SEGMENT_SEQUENCE_ERROR, "missing-pv1", "PV1 segment missing");
        }
        NhsNumber nhsNumber = tracer == null ? nhsNumber(pid) : nhsNumberIfAny(pid);
        OffsetDateTime sent = timestamp(msh0, "MSH", 7, true);
        LocalDate birthDate = date(pid, "PID", 7);
        if (birthDate != null && birthDate.isAfter(today)) {
            throw Hl7Problem.error("PID", 7, Hl7Problem.DATA_TYPE_ERROR, "bad-date", "PID-7 birth date is in the future");
        }
        OffsetDateTime admitted = timestamp(pv1, "PV1", 44, false);
        if (admitted == null) {
            Segment evn = segment(message, "EVN");
            admitted = evn == null ? null : timestamp(evn, "EVN", 2, false);
        }
        if (admitted == null) {
            throw Hl7Problem.error("PV1", 44, Hl7Problem.REQUIRED_FIELD_MISSING, "missing-admit-date",
                    "PV1-44 admit date/time required for a notice");
        }
        if (birthDate != null && admitted.toLocalDate().isBefore(birthDate)) {
            throw Hl7Problem.error("PV1", 44, Hl7Problem.DATA_TYPE_ERROR, "bad-date",
                    "PV1-44 admit date/time is before PID-7 birth date");
        }
        LocalDate planned = null;
        OffsetDateTime discharged = timestamp(pv1, "PV1", 45, false);
        if (discharged != null) {
            if (discharged.isBefore(admitted)) {
                throw Hl7Problem.error("PV1", 45, Hl7Problem.DATA_TYPE_ERROR, "bad-date",
                        "PV1-45 discharge date/time is before PV1-44 admit date/time");
            }
            planned = discharged.toLocalDate();
        }
        Segment pv2 = segment(message, "PV2");
        if (planned == null && pv2 != null) {
            OffsetDateTime expected = timestamp(pv2, "PV2", 9, false); // expected discharge date/time
            planned = expected == null ? null : expected.toLocalDate();
        }
        if (event == SeamlessEvent.DISCHARGE_NOTICE && planned == null) {
            throw Hl7Problem.error("PV1", 45, Hl7Problem.REQUIRED_FIELD_MISSING, "missing-discharge-date",
                    "PV1-45 discharge date/time (or PV2-9) required for a discharge notice");
        }
        String encounterId = Optional.ofNullable(get(pv1, 19, 0, 1)).orElse(get(pid, 18, 0, 1));
        if (encounterId == null) {
            throw Hl7Problem.error("PV1", 19, Hl7Problem.REQUIRED_FIELD_MISSING, "missing-visit-number",
                    "PV1-19 visit number (or PID-18 account number) required for a notice");
        }
        List<String> lines = new ArrayList<>();
        addIfPresent(lines, get(pid, 11, 0, 1));
        addIfPresent(lines, get(pid, 11, 0, 2));
        String phone = Optional.ofNullable(get(pid, 13, 0, 1)).orElse(get(pid, 13, 0, 12));
        if (tracer != null) {
            String family = get(pid, 5, 0, 1);
            if (nhsNumber == null && (family == null || birthDate == null)) {
                throw Hl7Problem.error("PID", 3, Hl7Problem.REQUIRED_FIELD_MISSING, "missing-nhs-number",
                        "PID-3 has no NHS number (identifier type NH), and PID-5 family name and PID-7 birth date"
                                + " are needed to trace it");
            }
            nhsNumber = tracer.settle(nhsNumber, nhsNumber != null ? null
                    : new org.seamless.adapters.pds.Demographics(family, get(pid, 5, 0, 2), birthDate,
                    pdsGender(get(pid, 8, 0, 1)), get(pid, 11, 0, 5)));
        }
        NoticeDetails details = new NoticeDetails(messageId(agency.id(), msh.controlId()), event, sent.toInstant(),
                nhsNumber, get(pid, 5, 0, 2), get(pid, 5, 0, 1), birthDate, gender(get(pid, 8, 0, 1)), lines,
                get(pid, 11, 0, 3), get(pid, 11, 0, 5), phone, encounterId, admitted, planned, agency.odsCode(), ward,
                null, null);
        return new Notice(details);
    }

    /** The NHS number in PID-3 as {@link #nhsNumber(Segment)} reads it, or null when there is none. */
    static NhsNumber nhsNumberIfAny(Segment pid) throws Hl7Problem {
        try {
            return nhsNumber(pid);
        } catch (Hl7Problem p) {
            if ("missing-nhs-number".equals(p.reasonCode())) {
                return null;
            }
            throw p;
        }
    }

    /** PID-8 (HL7 table 0001) as PDS's gender, null when absent or not one PDS searches by. */
    static String pdsGender(String code) {
        if (code == null) {
            return null;
        }
        return switch (code.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "M" -> "male";
            case "F" -> "female";
            case "O" -> "other";
            case "U" -> "unknown";
            default -> null;
        };
    }

    /** The NHS number in PID-3: the repetition typed NH (or assigned by NHS), valid by Modulus 11. */
    static NhsNumber nhsNumber(Segment pid) throws Hl7Problem {
        int reps = reps(pid, 3);
        for (int i = 0; i < reps; i++) {
            String type = get(pid, 3, i, 5);
            String authority = get(pid, 3, i, 4);
            if (NHS_NUMBER_TYPE.equalsIgnoreCase(type) || NHS_AUTHORITY.equalsIgnoreCase(authority)) {
                String value = get(pid, 3, i, 1);
                if (value == null) {
                    break;
                }
                try {
                    return NhsNumber.parse(value);
                } catch (IllegalArgumentException e) { // InvalidNhsNumberException among them
                    throw Hl7Problem.error("PID", 3, Hl7Problem.DATA_TYPE_ERROR, "invalid-nhs-number",
                            "PID-3 NHS number fails the Modulus 11 check or is not 10 digits");
                }
            }
        }
        throw Hl7Problem.error("PID", 3, Hl7Problem.REQUIRED_FIELD_MISSING, "missing-nhs-number",
                "PID-3 has no NHS number (identifier type NH)");
    }

    private static AdministrativeGender gender(String code) {
        if (code == null) {
            return null;
        }
        return switch (code.toUpperCase(Locale.ROOT)) {
            case "M" -> AdministrativeGender.MALE;
            case "F" -> AdministrativeGender.FEMALE;
            case "O" -> AdministrativeGender.OTHER;
            case "U", "A", "N" -> AdministrativeGender.UNKNOWN;
            default -> null;
        };
    }

    private static OffsetDateTime timestamp(Segment s, String name, int field, boolean required) throws Hl7Problem {
        String v = get(s, field, 0, 1);
        if (v == null) {
            if (required) {
                throw Hl7Problem.error(name, field, Hl7Problem.REQUIRED_FIELD_MISSING, "missing-date",
                        name + "-" + field + " required");
            }
            return null;
        }
        try {
            return Hl7Dates.timestamp(v);
        } catch (IllegalArgumentException e) {
            throw Hl7Problem.error(name, field, Hl7Problem.DATA_TYPE_ERROR, "bad-date",
                    name + "-" + field + " is not a valid HL7 date/time");
        }
    }

    private static LocalDate date(Segment s, String name, int field) throws Hl7Problem {
        OffsetDateTime t = timestamp(s, name, field, false);
        return t == null ? null : t.toLocalDate();
    }

    private static void addIfPresent(List<String> lines, String value) {
        if (value != null) {
            lines.add(value);
        }
    }

    static Segment segment(Message message, String name) throws Hl7Problem {
        try {
            Segment s = (Segment) message.get(name);
            return s == null || s.isEmpty() ? null : s;
        } catch (HL7Exception e) {
            return null; // the structure has no such segment
        }
    }

    static int reps(Segment s, int field) {
        try {
            return s.getField(field).length;
        } catch (HL7Exception e) {
            return 0;
        }
    }

    /** A component of a field repetition, stripped; null when empty or absent. */
    static String get(Segment s, int field, int rep, int component) {
        try {
            if (reps(s, field) <= rep) {
                return null;
            }
            String v = Terser.get(s, field, rep, component, 1);
            return v == null || v.isBlank() ? null : v.strip();
        } catch (HL7Exception e) {
            return null;
        }
    }
}
