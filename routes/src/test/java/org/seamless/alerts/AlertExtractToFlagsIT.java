package org.seamless.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Flag;
import org.junit.jupiter.api.Test;
import org.seamless.demo.fhir.DemoTrustFlags;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Acceptance: a generated 10,000-row alert extract with valid 999-range NHS numbers and some bad rows,
 * dropped in the LA's inbox, becomes exactly the valid rows as Flags on the demo trust's HAPI FHIR
 * server (conditional update on the business identifier); the rejects file lists each bad row with its
 * reason; the same content dropped again changes nothing on the server.
 */
class AlertExtractToFlagsIT extends SeamlessTestBase {
    private static final int ROWS = 10_000;
    private static final Duration LONG = Duration.ofMinutes(20);

    @Autowired
    DemoTrustFlags trustFlags;

    @Test
    void tenThousandRowsBecomeExactlyTheValidFlagsOnceAndAgainNothing() throws Exception {
        Path inbox = ENV.dataDir().resolve("agencies/" + TestEnvironment.LA_CSV + "/inbox");
        Files.createDirectories(inbox);
        Random random = new Random(5);
        Set<String> validIds = new HashSet<>();
        Set<Long> badLines = new TreeSet<>();
        Path staging = ENV.dataDir().resolve("extract.tmp");
        LocalDate today = LocalDate.now();
        Set<String> usedNhs = new HashSet<>();
        try (BufferedWriter w = Files.newBufferedWriter(staging, StandardCharsets.UTF_8)) {
            w.write("\uFEFFalert_id,nhs_number,alert_type,start_date,end_date,review_date,team_name,team_phone,deleted\r\n");
            for (int i = 1; i <= ROWS; i++) {
                long line = i + 1;
                String id = "CP" + i;
                String nhs = uniqueNhs(random, usedNhs);
                String type = i % 3 == 0 ? "looked-after-child" : "child-protection-plan";
                String start = today.minusDays(10 + i % 300).toString();
                String end = "";
                if (i % 97 == 0) { // a bad row: wrong NHS check digit
                    nhs = nhs.substring(0, 9) + ((nhs.charAt(9) - '0' + 1) % 10);
                    badLines.add(line);
                } else if (i % 101 == 0) { // a bad row: not a date
                    start = "31/02/2024";
                    badLines.add(line);
                } else if (i % 103 == 0) { // a bad row: unknown type
                    type = "pet-owner";
                    badLines.add(line);
                } else {
                    if (NhsNumber.tryParse(nhs).isEmpty()) {
                        throw new IllegalStateException("generator made a bad number");
                    }
                    validIds.add(TestEnvironment.LA_CSV + "/" + id);
                }
                w.write(String.join(",", id, nhs, type, start, end, today.plusDays(90).toString(),
                        "Children's Services North", "0113 496 0000", "N") + "\r\n");
            }
        }
        Files.move(staging, inbox.resolve("alerts-delta-first.csv"));

        Path processed = inbox.resolve("processed");
        await().atMost(LONG).until(() -> Files.exists(processed.resolve("alerts-delta-first.csv.summary.csv")));
        await().atMost(LONG).pollInterval(Duration.ofSeconds(2)).until(() -> trustFlags.all().size() >= validIds.size());

        List<Flag> flags = trustFlags.all();
        Set<String> onServer = new HashSet<>();
        flags.forEach(f -> f.getIdentifier().stream().filter(i -> SocialCareAlert.IDENTIFIER_SYSTEM.equals(i.getSystem()))
                .forEach(i -> onServer.add(i.getValue())));
        assertThat(flags).hasSize(validIds.size());
        assertThat(onServer).isEqualTo(validIds);
        assertThat(flags).allSatisfy(f -> assertThat(f.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE));

        List<String> rejects = Files.readAllLines(processed.resolve("alerts-delta-first.csv.rejects.csv"));
        List<Long> rejectedLines = new ArrayList<>();
        rejects.stream().skip(1).forEach(l -> rejectedLines.add(Long.parseLong(l.substring(0, l.indexOf(',')))));
        assertThat(rejectedLines).containsExactlyElementsOf(badLines);
        assertThat(rejects).anySatisfy(l -> assertThat(l).contains("invalid-nhs-number"))
                .anySatisfy(l -> assertThat(l).contains("invalid-date"))
                .anySatisfy(l -> assertThat(l).contains("unknown-alert-type"));
        long writes = trustFlags.writes();
        long versions = trustFlags.versionsCreated();

        // the same content again, under another name
        Files.copy(processed.resolve("alerts-delta-first.csv"), staging);
        Files.move(staging, inbox.resolve("alerts-delta-again.csv"));
        await().atMost(LONG).until(() -> Files.exists(processed.resolve("alerts-delta-again.csv.summary.csv")));
        String summary = Files.readAllLines(processed.resolve("alerts-delta-again.csv.summary.csv")).get(1);
        assertThat(summary).contains(",applied,");
        assertThat(summary.split(",")[8]).isEqualTo(Integer.toString(validIds.size())); // unchanged
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30))
                .until(() -> trustFlags.writes() == writes && trustFlags.versionsCreated() == versions);
        assertThat(trustFlags.all()).hasSize(validIds.size());
    }

    private static String uniqueNhs(Random random, Set<String> used) {
        while (true) {
            String nine = "999" + String.format("%06d", random.nextInt(1_000_000));
            Integer check = NhsNumber.checkDigitFor(nine);
            if (check != null && used.add(nine + check)) {
                return nine + check;
            }
        }
    }
}
