package org.seamless.testsupport.pds;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A generated LA alert extract for PDS tracing tests and the truth it was generated from: {@code rows} rows in the
 * Seamless layout plus demographics columns; every 10th row has no NHS number (of those, every 100th row is
 * ambiguous in PDS: two patients share its details; every 1000th row from row 10 has no PDS patient at all); of the
 * rows with a number, every 500th from row 1 carries a number PDS has superseded and every 2000th from row 3 a
 * number PDS does not hold. The simulator is filled to match. Names are synthetic ("Fam" + letters), NHS numbers
 * from the 999 test range passing Modulus 11; the alert-id prefix is part of every family name, so two extracts of
 * one test never describe the same person.
 */
public final class TracingExtract {
    public static final String HEADER = "alert_id,nhs_number,alert_type,start_date,end_date,review_date,team_name,"
            + "team_phone,deleted,family_name,given_name,birth_date,gender,postcode";

    /** What the extract's rows should come to. */
    public enum Expect { VERIFIED, SUPERSEDED, TRACED, NO_MATCH, MULTIPLE_MATCHES, NOT_FOUND }

    /** One row's truth: line in the file, alert id, expected outcome, and the number the hub should get (or null). */
    public record Truth(long line, String alertId, Expect expect, String sentNhsNumber) {
    }

    private final Map<String, Truth> byAlert = new LinkedHashMap<>();
    private final Map<Expect, Long> counts = new TreeMap<>();
    private final StringBuilder csv = new StringBuilder(HEADER).append('\n');
    // why: shared, so two extracts of one test never give two people the same number
    private static final java.util.concurrent.atomic.AtomicLong NEXT_BASE = new java.util.concurrent.atomic.AtomicLong(999_000_000L);

    private TracingExtract() {
    }

    /** Generates {@code rows} rows with alert ids {@code prefix + i}, and fills {@code pds}. */
    public static TracingExtract generate(int rows, String prefix, PdsSimulator pds, LocalDate today) {
        TracingExtract x = new TracingExtract();
        for (int i = 1; i <= rows; i++) {
            x.row(i, prefix, pds, today);
        }
        return x;
    }

    private void row(int i, String prefix, PdsSimulator pds, LocalDate today) {
        String family = "Fam" + prefix.toLowerCase(java.util.Locale.ROOT) + letters(i); // why: extracts never share a person
        String given = "Giv" + letters(i * 7 + 3);
        String gender = i % 2 == 0 ? "female" : "male";
        LocalDate dob = LocalDate.of(2008, 1, 1).plusDays(i % 3000);
        String postcode = "LS" + (1 + i % 28) + " " + (i % 10) + "AB";
        String own = nextNhs();
        Expect expect;
        String rowNhs;
        String sent;
        if (i % 10 == 0) {
            rowNhs = "";
            if (i % 100 == 0) {
                expect = Expect.MULTIPLE_MATCHES;
                pds.add(own, family, given, gender, dob, postcode).add(nextNhs(), family, given, gender, dob, postcode);
                sent = null;
            } else if (i % 1000 == 10) {
                expect = Expect.NO_MATCH;
                sent = null;
            } else {
                expect = Expect.TRACED;
                pds.add(own, family, given, gender, dob, postcode);
                sent = own;
            }
        } else if (i % 500 == 1) {
            expect = Expect.SUPERSEDED;
            String successor = nextNhs();
            pds.add(own, family, given, gender, dob, postcode).add(successor, family, given, gender, dob, postcode)
                    .supersede(own, successor);
            rowNhs = own;
            sent = successor;
        } else if (i % 2000 == 3) {
            expect = Expect.NOT_FOUND;
            rowNhs = own;
            sent = null;
        } else {
            expect = Expect.VERIFIED;
            pds.add(own, family, given, gender, dob, postcode);
            rowNhs = own;
            sent = own;
        }
        String alertId = prefix + i;
        csv.append(String.join(",", alertId, rowNhs, "child-protection-plan", today.minusDays(10).toString(), "",
                today.plusDays(90).toString(), "Children's Services", "0113 496 0000", "N", family, given,
                dob.toString(), gender, postcode)).append('\n');
        byAlert.put(alertId, new Truth(i + 1L, alertId, expect, sent));
        counts.merge(expect, 1L, Long::sum);
    }

    private String nextNhs() {
        while (true) {
            String base = String.valueOf(NEXT_BASE.getAndIncrement());
            int sum = 0;
            for (int k = 0; k < 9; k++) {
                sum += (base.charAt(k) - '0') * (10 - k);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return base + check;
            }
        }
    }

    private static String letters(int n) {
        StringBuilder s = new StringBuilder();
        int v = n;
        do {
            s.append((char) ('a' + v % 26));
            v /= 26;
        } while (v > 0);
        return s.toString();
    }

    /** Writes the extract to {@code target} (a temporary name first, then a move, as an LA job should). */
    public void writeTo(Path target) throws IOException {
        Path temp = target.resolveSibling(".tmp-" + target.getFileName());
        try (BufferedWriter w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            w.write(csv.toString());
        }
        Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public Map<String, Truth> byAlert() {
        return byAlert;
    }

    public long count(Expect e) {
        return counts.getOrDefault(e, 0L);
    }

    public long held() {
        return count(Expect.NO_MATCH) + count(Expect.MULTIPLE_MATCHES) + count(Expect.NOT_FOUND);
    }

    public long sent() {
        return byAlert.size() - held();
    }
}
