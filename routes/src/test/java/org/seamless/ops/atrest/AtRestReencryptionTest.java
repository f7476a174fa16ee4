package org.seamless.ops.atrest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.privacy.consent.JdbcConsentRegistry;
import org.seamless.privacy.keys.FieldCipher;
import org.seamless.testsupport.RawTableScan;
import org.seamless.testsupport.TestAtRest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The upgrade path (ADR 0071): rows written in clear before V123/V124 are encrypted and indexed by the at-rest
 * pass, after which no table holds the numbers or names and lookups by blind index find them; after a key
 * rotation the pass rewrites every row to the new keys, old and new rows stay readable, and a further pass has
 * nothing to do.
 */
class AtRestReencryptionTest {
    private static final int PEOPLE = 60;

    @Test
    void clearRowsFromBeforeTheMigrationAreEncryptedThenReencryptedAfterARotation() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:at-rest-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("118").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        Random random = new Random(2171);
        List<NhsNumber> people = TestNhsNumbers.distinct(2171, PEOPLE);
        Map<String, String> needles = new LinkedHashMap<>();
        Timestamp now = Timestamp.from(Instant.parse("2026-12-01T10:00:00Z"));
        for (int i = 0; i < PEOPLE; i++) {
            String nhs = people.get(i).value();
            String name = "Perpetua" + (char) ('a' + random.nextInt(26)) + (char) ('a' + random.nextInt(26)) + i;
            needles.put("nhs " + i, nhs);
            needles.put("name " + i, name);
            String id = "m-" + i;
            jdbc.update("INSERT INTO consent_record (nhs_number, reference, kind, purpose, scope_type, scope_value,"
                    + " period_start, status, source, recorded_at, recorder) VALUES (?,?,?,?,?,?,?,?,?,?,?)", nhs,
                    "ref-" + i, "CONSENT", "referral", "agency", "vcs-1", now, "ACTIVE", "trust-1", now, "trust-1");
            jdbc.update("INSERT INTO la_alert_state (agency_id, alert_id, digest, active, nhs_number, alert_type,"
                    + " start_date, team_name, team_phone) VALUES (?,?,?,?,?,?,?,?,?)", "la-1", "A" + i, "d", true, nhs,
                    "carer", "2026-01-01", name + " team", "0113 496 0000");
            jdbc.update("INSERT INTO alert_flag (flag_identifier, owner_agency, nhs_number, alert_type, active,"
                    + " message_id, message, updated_at) VALUES (?,?,?,?,?,?,?,?)", "la-1/A" + i, "la-1", nhs, "carer",
                    true, id, "{\"nhs\":\"" + nhs + "\",\"name\":\"" + name + "\"}", now);
            jdbc.update("INSERT INTO alert_access (id, accessed_at, nhs_number, owner_agency, caller_agency, setting,"
                    + " silent, notified) VALUES (?,?,?,?,?,?,?,?)", "acc-" + i, now, nhs, "la-1", "trust-1", "ed",
                    false, true);
            jdbc.update("INSERT INTO notice_answer (response_message_id, notice_message_id, notice_source_agency,"
                    + " answering_agency, outcome, reason, answered_at) VALUES (?,?,?,?,?,?,?)", "r-" + i, id,
                    "trust-1", "la-1", "rejected", "not ours: " + name, now);
            jdbc.update("INSERT INTO inbound_message (source_agency, message_id, event_code, received_at, payload)"
                    + " VALUES (?,?,?,?,?)", "trust-1", id, "discharge-notice", now,
                    ("{\"nhs\":\"" + nhs + "\",\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8));
            jdbc.update("INSERT INTO vcs_mailbox (agency_id, event_id, message_id, replay_generation, event_code,"
                    + " content_type, body, pull, kept_at) VALUES (?,?,?,?,?,?,?,?,?)", "vcs-1", "e-" + i, id, 0,
                    "referral", "application/json",
                    ("{\"nhs\":\"" + nhs + "\",\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8), false, now);
        }
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        for (int i = 0; i < PEOPLE; i++) {
            // identity events (V138, ADR 0084) came after the migration; the hub never writes them in clear, but the
            // pass treats a clear body like any other column's
            jdbc.update("INSERT INTO identity_event (event_id, event_type, received_at, state, body) VALUES (?,?,?,?,?)",
                    "ev-" + i, "pds-death-notification-2", now, "DONE",
                    "{\"subject\":\"" + needles.get("nhs " + i) + "\",\"name\":\"" + needles.get("name " + i) + "\"}");
            jdbc.update("INSERT INTO pds_trace (agency_id, file_digest, line, file_name, outcome, nhs_number, traced_at)"
                    + " VALUES (?,?,?,?,?,?,?)", "la-1", "d".repeat(64), i + 2L, "alerts-full-1.csv", "TRACED",
                    people.get(i).value(), now);
        }
        try (Connection c = ds.getConnection()) {
            assertThat(RawTableScan.find(c, needles)).as("before the pass the clear rows are there").isNotEmpty();
        }

        FieldCipher cipher = TestAtRest.cipher();
        AtRestReencryption pass = new AtRestReencryption(jdbc, cipher);
        Map<String, Integer> first = pass.run();
        assertThat(first).containsOnlyKeys(AtRestColumns.TABLES.stream().map(AtRestColumns.Table::name).toArray(String[]::new))
                .allSatisfy((table, n) -> assertThat(n).as(table).isEqualTo(PEOPLE));
        assertNothingInClearAndAllReadable(ds, jdbc, cipher, people, needles);
        assertThat(pass.run().values()).as("a second pass has nothing to do").containsOnly(0);

        cipher.rotate();
        cipher.rotateIndex();
        JdbcConsentRegistry registry = new JdbcConsentRegistry(ds, cipher);
        assertThat(registry.history(people.get(0))).as("found under the old index key before the pass").hasSize(1);
        assertThat(pass.run().values()).as("every row rewritten to the new keys").containsOnly(PEOPLE);
        assertNothingInClearAndAllReadable(ds, jdbc, cipher, people, needles);
        assertThat(jdbc.queryForList("SELECT nhs_index FROM consent_record", String.class))
                .allMatch(cipher::isCurrentIndex);
        assertThat(jdbc.queryForList("SELECT nhs_number FROM alert_access", String.class)).allMatch(cipher::isCurrent);
        assertThat(pass.run().values()).containsOnly(0);
    }

    private static void assertNothingInClearAndAllReadable(JdbcDataSource ds, JdbcTemplate jdbc, FieldCipher cipher,
                                                           List<NhsNumber> people, Map<String, String> needles)
            throws Exception {
        try (Connection c = ds.getConnection()) {
            assertThat(RawTableScan.find(c, needles)).isEmpty();
        }
        JdbcConsentRegistry registry = new JdbcConsentRegistry(ds, cipher);
        for (NhsNumber p : people) {
            assertThat(registry.history(p)).singleElement().satisfies(r -> assertThat(r.nhsNumber()).isEqualTo(p));
        }
        List<String> flags = jdbc.queryForList("SELECT nhs_number FROM alert_flag ORDER BY message_id", String.class);
        assertThat(flags).allSatisfy(v -> assertThat(cipher.open("alert_flag.nhs_number", v)).matches("999\\d{7}"));
        assertThat(jdbc.queryForList("SELECT payload FROM inbound_message", byte[].class))
                .allSatisfy(b -> assertThat(new String(cipher.open("inbound_message.payload", b), StandardCharsets.UTF_8))
                        .startsWith("{\"nhs\":\"999"));
    }
}
