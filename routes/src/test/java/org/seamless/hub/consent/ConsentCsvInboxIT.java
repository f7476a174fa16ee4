package org.seamless.hub.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.SharedContext;

/**
 * LA consents CSV end to end: good rows reach the consent registry, bad rows are listed by line in a
 * rejects file, the file moves to processed/; the same file again changes nothing; a file over the
 * rejection threshold moves to failed/ and nothing from it is applied.
 */
@SharedContext
class ConsentCsvInboxIT extends SeamlessTestBase {
    private static final String HEADER = "reference,nhs_number,decision,purpose,recipient_agency,recipient_kind,"
            + "start_date,end_date,status";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void goodRowsAreAppliedBadRowsRejectedByLineAndARepeatChangesNothing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<NhsNumber> people = TestNhsNumbers.distinct(8101, 10);
        String bad = TestNhsNumbers.badCheckDigit(new Random(8102));
        StringBuilder csv = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                csv.append("bad-").append(run).append(',').append(bad).append(",consent,referral,demo-charity,,2024-01-01,,active\r\n");
            }
            csv.append("csv-").append(run).append('-').append(i).append(',').append(people.get(i).value())
                    .append(i % 2 == 0 ? ",consent,referral,demo-charity,," : ",objection,secondary-use,,voluntary-org,")
                    .append("2024-01-01,,active\r\n");
        }
        String name = "consents-" + run + ".csv";
        drop(name, csv.toString());

        Path processed = inbox().resolve("processed");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(processed.resolve(name + ".summary.csv"))
                && Files.exists(processed.resolve(name)));
        await().atMost(Duration.ofSeconds(30)).until(() -> records(run) == 10);
        assertThat(Files.exists(inbox().resolve(name))).isFalse();

        List<String> rejects = Files.readAllLines(processed.resolve(name + ".rejects.csv"));
        assertThat(rejects).hasSize(2);
        assertThat(rejects.get(1)).startsWith("7,invalid-nhs-number,");
        assertThat(String.join("\n", rejects)).doesNotContain(bad);
        assertThat(summary(processed, name)).contains(",11,10,0,1,0,applied,");

        drop(name, csv.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(inbox().resolve(name))
                && summary(processed, name).contains(",11,10,10,1,0,applied,"));
        assertThat(records(run)).isEqualTo(10);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM consent_record WHERE reference LIKE ?", Integer.class,
                "%|bad-" + run)).isZero();
    }

    @Test
    void aFileOverTheThresholdIsRejectedWholeAndNothingIsApplied() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<NhsNumber> people = TestNhsNumbers.distinct(8201, 3);
        String csv = HEADER + "\n"
                + "csv-" + run + "-0," + people.get(0).value() + ",consent,referral,demo-charity,,,,\n"
                + "csv-" + run + "-1," + people.get(1).value() + ",consent,marketing,demo-charity,,,,\n"
                + "csv-" + run + "-2," + people.get(2).value() + ",consent,referral,demo-charity,,2024-01-01,,\n";
        String name = "consents-" + run + ".csv";
        drop(name, csv);

        Path failed = inbox().resolve("failed");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(failed.resolve(name))
                && Files.exists(failed.resolve(name + ".summary.csv")));
        assertThat(summary(failed, name)).contains(",3,0,0,1,0,rejected,").contains("threshold");
        assertThat(Files.readAllLines(failed.resolve(name + ".rejects.csv")).get(1)).startsWith("3,invalid-consent,");
        assertThat(records(run)).isZero();
        // the gate records a receipt before the file is moved: none exists for any of its lines
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(csv.getBytes(StandardCharsets.UTF_8)));
        for (int line = 2; line <= 4; line++) {
            String id = UUID.nameUUIDFromBytes((sha + ":" + line).getBytes(StandardCharsets.UTF_8)).toString();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbound_receipt WHERE source_agency = ? AND message_id = ?",
                    Integer.class, TestEnvironment.LA_CSV, id)).isZero();
        }
        assertThat(summary(failed, name)).contains(sha);
    }

    private int records(String run) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM consent_record WHERE reference LIKE ? AND source = ?",
                Integer.class, "%/" + TestEnvironment.LA_CSV + "|csv-" + run + "-%", TestEnvironment.LA_CSV);
    }

    private static String summary(Path dir, String name) throws Exception {
        return Files.readString(dir.resolve(name + ".summary.csv"));
    }

    private static Path inbox() {
        return ENV.inbox(TestEnvironment.LA_CSV);
    }

    /** Writes the file beside the inbox and moves it in, as an LA export job would. */
    private static void drop(String name, String content) throws Exception {
        Files.createDirectories(inbox());
        Path temp = inbox().getParent().resolve(name + ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, inbox().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
