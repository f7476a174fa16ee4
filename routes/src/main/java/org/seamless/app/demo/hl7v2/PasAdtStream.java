package org.seamless.app.demo.hl7v2;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;

/**
 * A realistic ADT stream from a trust's patient administration system (made-up people, NHS numbers of the
 * 999 test range): admissions, transfers, updates, leave, discharges and cancellations in the mix a PAS
 * sends, most of them not notices, on wards W1-W4 (the notice wards of the demo trust) and the acute medical
 * unit AMU and outpatient clinics (not). Each message says what Seamless should make of it, so a test or
 * the demo simulator can check the answer. Optionally a number of bad messages of distinct kinds.
 */
public final class PasAdtStream {
    /** The notice wards this stream assumes ({@code notice-wards} of the receiving trust). */
    public static final String NOTICE_WARDS = "W1;W2;W3;W4";
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final String[] VERSIONS = {"2.3", "2.3.1", "2.4", "2.5", "2.5.1"};
    private static final String[] FAMILY = {"Okafor", "Nowak", "Smith", "Patel", "Jones", "Khan", "Brown", "Evans"};
    private static final String[] GIVEN = {"Ada", "Kwame", "Jane", "Ravi", "Eira", "Sana", "Tom", "Mary"};
    /** Postcodes of the demo directory: LS1 (demo-la-csv, E08000035) and LS6 (demo-la-soap, E07000990). */
    public static final String CSV_LA_POSTCODE = "LS1 1AA";
    public static final String SOAP_LA_POSTCODE = "LS6 1AA";

    /** What the receiver should answer. */
    public enum Expect { NOTICE, DROPPED, AE, AR }

    /**
     * One message: its control id, trigger, text, the expected answer, the notice it raises (NOTICE), the
     * receiver's reason code (DROPPED, AE, AR), the ERR location the ACK names (AE, AR) and the postcode used.
     */
    public record Adt(String controlId, String trigger, String text, Expect expect, SeamlessEvent notice,
                      String reason, String errLocation, String postcode) {
        @Override
        public String toString() {
            return "Adt[" + controlId + " " + trigger + " " + expect + "]";
        }
    }

    private final String facility;
    private final String prefix;
    private final LocalDateTime base;
    private final Random random;
    private boolean bothCouncils = true;

    /** A stream from {@code facility} (MSH-4), control ids {@code <prefix>-<n>}, events shortly before {@code base}. */
    public PasAdtStream(String facility, String prefix, LocalDateTime base, long seed) {
        this.facility = facility;
        this.prefix = prefix;
        this.base = base;
        this.random = new Random(seed);
    }

    /** Every patient lives in the CSV council's area (LS1) instead of one in three in the SOAP council's (LS6). */
    public PasAdtStream oneCouncil() {
        bothCouncils = false;
        return this;
    }

    /** {@code total} messages of which {@code bad} are bad (spread through the stream, kinds in turn). */
    public List<Adt> generate(int total, int bad) {
        List<Adt> out = new ArrayList<>(total);
        int every = bad == 0 ? Integer.MAX_VALUE : Math.max(1, total / bad);
        int badMade = 0;
        for (int i = 0; i < total; i++) {
            if (badMade < bad && i % every == every - 1) {
                out.add(bad(i, badMade++));
            } else {
                out.add(good(i));
            }
        }
        return out;
    }

    /** The {@code n}-th good message. */
    public Adt good(int n) {
        String id = prefix + "-" + n;
        String postcode = bothCouncils && n % 3 == 2 ? SOAP_LA_POSTCODE : CSV_LA_POSTCODE;
        Patient p = patient(n, postcode);
        String v = VERSIONS[n % VERSIONS.length];
        LocalDateTime admit = base.minusDays(3).plusMinutes(n);
        LocalDateTime discharge = base.minusHours(2).plusMinutes(n % 60);
        return switch (n % 20) {
            case 0, 12 -> msg(id, "A01", v, p, "I", "W" + (1 + n % 4), "", admit, null, Expect.NOTICE,
                    SeamlessEvent.ADMISSION_NOTICE, null, postcode);
            case 1, 16 -> msg(id, "A08", v, p, "I", "W1", "", admit, null, Expect.DROPPED, null, "not-a-notice", postcode);
            case 2 -> msg(id, "A04", v, p, "O", "OPD", "", admit, null, Expect.DROPPED, null, "patient-class", postcode);
            case 3, 15, 18 -> msg(id, "A03", v, p, "I", "W2", "", admit, discharge, Expect.NOTICE,
                    SeamlessEvent.DISCHARGE_NOTICE, null, postcode);
            case 4 -> msg(id, "A01", v, p, "I", "AMU", "", admit, null, Expect.DROPPED, null, "ward", postcode);
            case 5 -> msg(id, "A02", v, p, "I", "W2", "AMU", admit, null, Expect.NOTICE,
                    SeamlessEvent.ADMISSION_NOTICE, null, postcode);
            case 6 -> msg(id, "A02", v, p, "I", "W3", "W2", admit, null, Expect.DROPPED, null, "transfer-no-change",
                    postcode);
            case 7 -> msg(id, "A11", v, p, "I", "W1", "", admit, null, Expect.NOTICE, SeamlessEvent.WITHDRAWAL_NOTICE,
                    null, postcode);
            case 8 -> msg(id, "A13", v, p, "I", "W1", "", admit, null, Expect.NOTICE, SeamlessEvent.WITHDRAWAL_NOTICE,
                    null, postcode);
            case 9 -> msg(id, "A21", v, p, "I", "W3", "", admit, null, Expect.DROPPED, null, "not-a-notice", postcode);
            case 10 -> msg(id, "A22", v, p, "I", "W3", "", admit, null, Expect.DROPPED, null, "not-a-notice", postcode);
            case 11 -> msg(id, "A05", v, p, "I", "W4", "", admit, null, Expect.DROPPED, null, "not-a-notice", postcode);
            case 13 -> msg(id, "A04", v, p, "E", "ED", "", admit, null, Expect.DROPPED, null, "patient-class", postcode);
            case 14 -> msg(id, "A28", v, p, "N", "", "", admit, null, Expect.DROPPED, null, "not-a-notice", postcode);
            case 17 -> msg(id, "A01", "2.3", p, "I", "W3", "", admit, null, Expect.NOTICE,
                    SeamlessEvent.ADMISSION_NOTICE, null, postcode);
            default -> msg(id, "A31", v, p, "I", "W1", "", admit, null, Expect.DROPPED, null, "not-a-notice", postcode);
        };
    }

    /** The bad message of kind {@code kind % 15}, numbered {@code n} in the stream. */
    public Adt bad(int n, int kind) {
        String id = prefix + "-" + n;
        Patient p = patient(n, CSV_LA_POSTCODE);
        LocalDateTime admit = base.minusDays(2).plusMinutes(n);
        Adt ok = msg(id, "A01", "2.4", p, "I", "W1", "", admit, null, Expect.NOTICE, SeamlessEvent.ADMISSION_NOTICE,
                null, CSV_LA_POSTCODE);
        String t = ok.text();
        String nhs = p.nhs;
        return switch (kind % 15) {
            case 0 -> bad(ok, t.replace(nhs + "^^^NHS^NH", "H" + n + "^^^RXX^MR"), Expect.AE, "missing-nhs-number", "PID^1^3");
            case 1 -> bad(ok, t.replace(nhs, wrongCheckDigit(nhs)), Expect.AE, "invalid-nhs-number", "PID^1^3");
            case 2 -> bad(ok, t.replace(nhs, nhs.substring(0, 8)), Expect.AE, "invalid-nhs-number", "PID^1^3");
            case 3 -> bad(ok, t.replace("ADT^A01", "ADT^A99"), Expect.AE, "unknown-event", "MSH^1^9");
            case 4 -> bad(ok, t.replace("ADT^A01", "ORU^R01"), Expect.AE, "unsupported-message-type", "MSH^1^9");
            case 5 -> bad(ok, t.replace("|P|2.4\r", "|P|2.6\r"), Expect.AE, "unsupported-version", "MSH^1^12");
            case 6 -> bad(ok, t.replace("|" + p.birth + "|", "|" + p.birth.substring(0, 4) + "1341|"), Expect.AE,
                    "bad-date", "PID^1^7");
            case 7 -> bad(ok, t.replace("|" + p.birth + "|", "|" + TS.format(base.plusYears(1)).substring(0, 8) + "|"),
                    Expect.AE, "bad-date", "PID^1^7");
            case 8 -> bad(ok, t.replace(TS.format(admit), "2026-01-01"), Expect.AE, "bad-date", "PV1^1^44");
            case 9 -> bad(msg(id, "A03", "2.4", p, "I", "W1", "", admit, admit.minusDays(1), Expect.AE, null, null,
                    CSV_LA_POSTCODE).text(), id, "A03", Expect.AE, "bad-date", "PV1^1^45");
            case 10 -> bad(msg(id, "A03", "2.4", p, "I", "W1", "", admit, null, Expect.AE, null, null,
                    CSV_LA_POSTCODE).text(), id, "A03", Expect.AE, "missing-discharge-date", "PV1^1^45");
            case 11 -> bad(ok, t.replace("|V" + n + "|", "||"), Expect.AE, "missing-visit-number", "PV1^1^19");
            case 12 -> bad(ok, t.replace("|" + id + "|P|", "||P|"), Expect.AR, "missing-control-id", "MSH^1^10");
            case 13 -> bad(ok, "MSG" + t.substring(3, 40), Expect.AR, "no-msh", "MSH^^");
            default -> bad(ok, t.replaceAll("PID\\|[^\\r]*\\r", ""), Expect.AR, "missing-pid", "PID^^");
        };
    }

    private static Adt bad(Adt ok, String text, Expect expect, String reason, String err) {
        return bad(text, ok.controlId(), ok.trigger(), expect, reason, err);
    }

    private static Adt bad(String text, String id, String trigger, Expect expect, String reason, String err) {
        return new Adt(id, trigger, text, expect, null, reason, err, null);
    }

    private Adt msg(String id, String trigger, String version, Patient p, String patientClass, String ward,
                    String priorWard, LocalDateTime admit, LocalDateTime discharge, Expect expect, SeamlessEvent notice,
                    String reason, String postcode) {
        String now = TS.format(base.plusSeconds(Math.abs(id.hashCode() % 3600)));
        String[] pv1 = new String[46];
        java.util.Arrays.fill(pv1, "");
        pv1[0] = "PV1";
        pv1[1] = "1";
        pv1[2] = patientClass;
        pv1[3] = ward.isEmpty() ? "" : ward + "^^^" + facility;
        pv1[6] = priorWard.isEmpty() ? "" : priorWard + "^^^" + facility;
        pv1[10] = "MED";
        pv1[19] = "V" + id.substring(id.lastIndexOf('-') + 1);
        pv1[44] = TS.format(admit);
        pv1[45] = discharge == null ? "" : TS.format(discharge);
        String text = "MSH|^~\\&|PAS|" + facility + "|SEAMLESS|SEAMLESS|" + now + "||ADT^" + trigger + "|" + id
                + "|P|" + version + "\r"
                + "EVN|" + trigger + "|" + now + "\r"
                + "PID|1||" + p.nhs + "^^^NHS^NH~H" + id.hashCode() + "^^^" + facility + "^MR||" + p.family + "^"
                + p.given + "||" + p.birth + "|" + p.sex + "|||" + p.street + "^^Leeds^^" + postcode
                + "||0113 496 " + String.format("%04d", Math.abs(p.nhs.hashCode()) % 10000) + "\r"
                + String.join("|", pv1) + "\r";
        return new Adt(id, trigger, text, expect, notice, reason, null, postcode);
    }

    private record Patient(String nhs, String family, String given, String birth, String sex, String street) {
    }

    private Patient patient(int n, String postcode) {
        String nhs = nhsNumber();
        int year = 1930 + random.nextInt(80);
        String birth = String.format("%04d%02d%02d", year, 1 + random.nextInt(12), 1 + random.nextInt(28));
        return new Patient(nhs, FAMILY[random.nextInt(FAMILY.length)], GIVEN[random.nextInt(GIVEN.length)], birth,
                random.nextBoolean() ? "F" : "M", (1 + random.nextInt(200)) + " Park View");
    }

    /** A valid NHS number of the 999 test range. */
    private String nhsNumber() {
        while (true) {
            String nine = "999" + String.format("%06d", random.nextInt(1_000_000));
            Integer check = NhsNumber.checkDigitFor(nine);
            if (check != null) {
                return nine + check;
            }
        }
    }

    private static String wrongCheckDigit(String nhs) {
        int d = nhs.charAt(9) - '0';
        return nhs.substring(0, 9) + ((d + 1) % 10);
    }
}
