package org.seamless.ops.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seamless.privacy.ledger.ChainHasher;
import org.seamless.privacy.ledger.EntryKind;
import org.seamless.privacy.ledger.JdbcLedger;
import org.seamless.privacy.ledger.LedgerEntry;
import org.seamless.privacy.ledger.LedgerQueries;
import org.seamless.privacy.ledger.LedgerVerifier;
import org.seamless.privacy.ledger.VerificationResult;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Acceptance (issue 21, ADR 0072): over generated rows of every purged table, with ages either side of each
 * limit, a purge run deletes exactly the rows past their limit and nothing else, on a short policy and on the
 * defaults; the disclosure ledger, whose entries name the purged messages, still verifies afterwards and is not
 * touched; the ledger holds digests, never bodies.
 */
class RetentionPurgeTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private final Random random = new Random(new SecureRandom().nextLong());
    private JdbcTemplate jdbc;
    private JdbcDataSource ds;

    @BeforeEach
    void database() {
        ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:retention-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(ds);
    }

    @Test
    void aPurgeRemovesExactlyWhatTheShortPolicySaysAndTheLedgerStillVerifies() {
        RetentionProperties policy = new RetentionProperties(Duration.ofDays(6), Duration.ofDays(7), Duration.ofDays(8),
                Duration.ofDays(9), Duration.ofDays(10), Duration.ofDays(11), Duration.ofDays(12), Duration.ofDays(13),
                Duration.ofDays(14), Duration.ofDays(6), Duration.ofDays(16), Duration.ofHours(1));
        assertThat(policy.problems(Duration.ofDays(5))).isEmpty();
        purgeAndCheck(policy);
    }

    @Test
    void theDefaultsArePurgedExactlyToo() {
        RetentionProperties defaults = new RetentionProperties(Duration.ofDays(30), Duration.ofDays(90),
                Duration.ofDays(90), Duration.ofDays(180), Duration.ofDays(400), Duration.ofDays(730),
                Duration.ofDays(365), Duration.ofDays(365), Duration.ofDays(2190), Duration.ofDays(30),
                Duration.ofDays(90), Duration.ofHours(1));
        assertThat(defaults.problems(Duration.ofDays(5))).isEmpty();
        purgeAndCheck(defaults);
    }

    private void purgeAndCheck(RetentionProperties policy) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        ChainHasher hasher = new ChainHasher(key);
        JdbcLedger ledger = new JdbcLedger(ds, hasher);
        Map<String, Set<String>> expectedSurvivors = new HashMap<>();
        Map<String, Integer> expectedDeleted = new HashMap<>();
        for (Table t : tables()) {
            for (int i = 0; i < 40; i++) {
                Duration limit = t.limit(policy);
                // ages either side of the limit: up to a day inside it, or up to a day past it (never on it)
                long offsetSeconds = 1 + random.nextInt(86_400);
                boolean old = random.nextBoolean();
                Instant at = NOW.minus(limit).plusSeconds(old ? -offsetSeconds : offsetSeconds);
                String id = t.insert(jdbc, at, random);
                // the ledger keeps an entry per kept message, which must outlive the message's body
                if (t.table.equals("inbound_message")) {
                    ledger.append(new LedgerEntry(0, EntryKind.DECISION, id, "la-1", 0, "discharge-notice", "trust-1",
                            "SIDX-" + id, "RELEASE_IDENTIFIABLE", "rule-1", "care-act", "Care Act 2014", null, null,
                            "Patient", "0".repeat(64), LedgerEntry.stored(at), LedgerEntry.stored(at), null));
                }
                if (old) {
                    expectedDeleted.merge(t.table, 1, Integer::sum);
                } else {
                    expectedSurvivors.computeIfAbsent(t.table, k -> new HashSet<>()).add(id);
                }
            }
        }
        // active flags are current state: never purged, however old
        for (int i = 0; i < 5; i++) {
            String id = UUID.randomUUID().toString();
            jdbc.update("INSERT INTO alert_flag (flag_identifier, owner_agency, nhs_number, alert_type, active, message_id,"
                    + " message, updated_at) VALUES (?,?,?,?,?,?,?,?)", id, "la-1", "enc1:x", "carer", true, id, "enc1:x",
                    Timestamp.from(NOW.minus(Duration.ofDays(5000))));
            expectedSurvivors.computeIfAbsent("alert_flag", k -> new HashSet<>()).add(id);
        }
        long ledgerBefore = jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry", Long.class);

        Map<String, Integer> deleted = new RetentionPurge(jdbc, policy).run(NOW);

        Map<String, Integer> deletedPerTable = new HashMap<>();
        deleted.forEach((what, n) -> deletedPerTable.merge(what.substring(0, what.indexOf(' ')), n, Integer::sum));
        for (Table t : tables()) {
            assertThat(deletedPerTable.getOrDefault(t.table, 0)).as("rows deleted from " + t.table)
                    .isEqualTo(expectedDeleted.getOrDefault(t.table, 0));
            assertThat(new HashSet<>(jdbc.queryForList("SELECT " + t.idColumn + " FROM " + t.table, String.class)))
                    .as("rows kept in " + t.table).isEqualTo(expectedSurvivors.getOrDefault(t.table, Set.of()));
        }
        assertThat(new RetentionPurge(jdbc, policy).run(NOW).values()).as("a second run finds nothing").containsOnly(0);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry", Long.class)).isEqualTo(ledgerBefore);
        VerificationResult verified = new LedgerVerifier(new LedgerQueries(ds), hasher).verify(List.of());
        assertThat(verified.intact()).as(verified.describe()).isTrue();
        assertThat(verified.entries()).isEqualTo(ledgerBefore);
    }

    @Test
    void ledgerEntriesHoldDigestsNotBodies() {
        List<String> columns = jdbc.queryForList("SELECT LOWER(COLUMN_NAME) FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE LOWER(TABLE_NAME) = 'ledger_entry'", String.class);
        assertThat(columns).contains("payload_digest", "subject_index")
                .noneMatch(c -> c.contains("payload") && !c.equals("payload_digest"))
                .noneMatch(c -> c.contains("body") || c.contains("message") && !c.equals("message_id")
                        || c.contains("nhs"));
        List<String> types = jdbc.queryForList("SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE LOWER(TABLE_NAME) = 'ledger_entry'", String.class);
        assertThat(types).as("no blob or clob column").noneMatch(t -> t.contains("LOB") || t.contains("BINARY"));
    }

    @Test
    void nonsenseIsRefused() {
        RetentionProperties negative = new RetentionProperties(Duration.ofDays(30), Duration.ofDays(-1),
                Duration.ofDays(90), Duration.ofDays(180), Duration.ofDays(400), Duration.ofDays(730),
                Duration.ofDays(365), Duration.ofDays(365), Duration.ofDays(2190), Duration.ofDays(30),
                Duration.ofDays(90), Duration.ofHours(1));
        assertThat(negative.problems(Duration.ofDays(5))).singleElement().asString()
                .contains("inbound-messages", "positive");
        RetentionProperties shorterThanReplay = new RetentionProperties(Duration.ofDays(30), Duration.ofDays(10),
                Duration.ofDays(90), Duration.ofDays(180), Duration.ofDays(20), Duration.ofDays(730),
                Duration.ofDays(365), Duration.ofDays(365), Duration.ofDays(2190), Duration.ofDays(30),
                Duration.ofDays(90), Duration.ofHours(1));
        assertThat(shorterThanReplay.problems(Duration.ofDays(5))).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("inbound-messages", "shorter than replay-window"))
                .anySatisfy(p -> assertThat(p).contains("tracking", "shorter than replay-window"));
        RetentionProperties shorterThanDeadline = new RetentionProperties(Duration.ofDays(3), Duration.ofDays(90),
                Duration.ofDays(90), Duration.ofDays(180), Duration.ofDays(400), Duration.ofDays(730),
                Duration.ofDays(365), Duration.ofDays(365), Duration.ofDays(2190), Duration.ofDays(2),
                Duration.ofDays(90), Duration.ofHours(1));
        assertThat(shorterThanDeadline.problems(Duration.ofDays(5))).hasSize(2)
                .allSatisfy(p -> assertThat(p).contains("longest delivery deadline"));
    }

    /** A purged table: how to insert a row of a given age, its id column, and which limit applies. */
    private record Table(String table, String idColumn, String insert, java.util.function.Function<RetentionProperties,
            Duration> limit, String variant) {
        Duration limit(RetentionProperties p) {
            return limit.apply(p);
        }

        String insert(JdbcTemplate jdbc, Instant at, Random random) {
            String id = UUID.randomUUID().toString();
            Timestamp t = Timestamp.from(at);
            switch (table + variant) {
                case "inbound_message" -> jdbc.update(insert, "trust-1", id, "discharge-notice", t, new byte[] {1});
                case "vcs_mailboxwebhook" -> jdbc.update(insert, "vcs-1", id, id, 0, "referral", "application/json",
                        new byte[] {1}, false, t, null);
                case "vcs_mailboxacked" -> jdbc.update(insert, "vcs-1", id, id, 0, "referral", "application/json",
                        new byte[] {1}, true, Timestamp.from(at.minus(Duration.ofDays(random.nextInt(1000)))), t);
                case "vcs_mailboxunacked" -> jdbc.update(insert, "vcs-1", id, id, 0, "referral", "application/json",
                        new byte[] {1}, true, t, null);
                case "inbound_receipt" -> jdbc.update(insert, "trust-1", id, "0".repeat(64), "discharge-notice", t);
                case "delivery" -> jdbc.update(insert, id, "la-1", 0, "DELIVERED", t, "trust-1");
                case "delivery_failure" -> jdbc.update(insert, id, "la-1", 1, "timeout", t);
                case "routing_decision" -> jdbc.update(insert, id, "la-1", 0, "residence", false, t, "trust-1");
                case "notice_answer" -> jdbc.update(insert, id, "n-" + id, "trust-1", "la-1", "accepted", t);
                case "consent_receipt" -> jdbc.update(insert, id, "trust-1", "applied", t, t);
                case "vcs_referral" -> jdbc.update(insert, id, "vcs-1", "sent", "received", t, t);
                case "d2a_stay_clock" -> jdbc.update(insert, id, "trust-1", "P1", false, false, id, t);
                case "identity_event" -> jdbc.update(insert, id, "pds-death-notification-2", t, "DONE", "enc1:x");
                case "alert_access" -> jdbc.update(insert, id, t, "enc1:x", "la-1", "trust-1", "ed", false, false);
                case "alert_flaginactive" -> jdbc.update(insert, id, "la-1", "enc1:x", "carer", false, id, "enc1:x", t);
                case "operator_alert" -> jdbc.update(insert, id, t, "a-code", "detail");
                case "operator_action" -> jdbc.update(insert, t, "olivia", "OPERATOR", "replay", id, "ok");
                case "sink_delivered_key" -> jdbc.update(insert, "la-1:csv-sink", id, t);
                case "job_run" -> jdbc.update(insert, "job-" + id.substring(0, 8), t, "hub-1", t, "done");
                default -> throw new IllegalStateException(table + variant);
            }
            if (table.equals("operator_action")) {
                return jdbc.queryForObject("SELECT CAST(MAX(id) AS VARCHAR) FROM operator_action", String.class);
            }
            return table.equals("job_run") ? "job-" + id.substring(0, 8) : id;
        }
    }

    private static List<Table> tables() {
        String mailbox = "INSERT INTO vcs_mailbox (agency_id, event_id, message_id, replay_generation, event_code,"
                + " content_type, body, pull, kept_at, acked_at) VALUES (?,?,?,?,?,?,?,?,?,?)";
        List<Table> t = new ArrayList<>(List.of(
                new Table("inbound_message", "message_id", "INSERT INTO inbound_message (source_agency, message_id,"
                        + " event_code, received_at, payload) VALUES (?,?,?,?,?)", RetentionProperties::inboundMessages, ""),
                new Table("inbound_receipt", "message_id", "INSERT INTO inbound_receipt (source_agency, message_id,"
                        + " payload_digest, event_code, received_at) VALUES (?,?,?,?,?)", RetentionProperties::tracking, ""),
                new Table("delivery", "message_id", "INSERT INTO delivery (message_id, recipient_agency, replay_generation,"
                        + " state, updated_at, source_agency) VALUES (?,?,?,?,?,?)", RetentionProperties::tracking, ""),
                new Table("delivery_failure", "message_id", "INSERT INTO delivery_failure (message_id, agency_id, attempts,"
                        + " last_reason, last_failed_at) VALUES (?,?,?,?,?)", RetentionProperties::tracking, ""),
                new Table("routing_decision", "message_id", "INSERT INTO routing_decision (message_id, recipient_agency,"
                        + " replay_generation, reason, fallback, decided_at, source_agency) VALUES (?,?,?,?,?,?,?)",
                        RetentionProperties::tracking, ""),
                new Table("notice_answer", "response_message_id", "INSERT INTO notice_answer (response_message_id,"
                        + " notice_message_id, notice_source_agency, answering_agency, outcome, answered_at)"
                        + " VALUES (?,?,?,?,?,?)", RetentionProperties::tracking, ""),
                new Table("consent_receipt", "receipt_id", "INSERT INTO consent_receipt (receipt_id, source_agency, status,"
                        + " created_at, updated_at) VALUES (?,?,?,?,?)", RetentionProperties::tracking, ""),
                new Table("vcs_referral", "referral_id", "INSERT INTO vcs_referral (referral_id, agency_id, role, status,"
                        + " created_at, updated_at) VALUES (?,?,?,?,?,?)", RetentionProperties::tracking, ""),
                new Table("d2a_stay_clock", "stay_ref", "INSERT INTO d2a_stay_clock (stay_ref, trust_agency, pathway,"
                        + " care_arranged, cancelled, last_message_id, updated_at) VALUES (?,?,?,?,?,?,?)",
                        RetentionProperties::tracking, ""),
                new Table("identity_event", "event_id", "INSERT INTO identity_event (event_id, event_type, received_at,"
                        + " state, body) VALUES (?,?,?,?,?)", RetentionProperties::tracking, ""),
                new Table("alert_access", "id", "INSERT INTO alert_access (id, accessed_at, nhs_number, owner_agency,"
                        + " caller_agency, setting, silent, notified) VALUES (?,?,?,?,?,?,?,?)",
                        RetentionProperties::alertAccess, ""),
                new Table("alert_flag", "flag_identifier", "INSERT INTO alert_flag (flag_identifier, owner_agency,"
                        + " nhs_number, alert_type, active, message_id, message, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                        RetentionProperties::inactiveAlertFlags, "inactive"),
                new Table("operator_alert", "id", "INSERT INTO operator_alert (id, raised_at, code, detail)"
                        + " VALUES (?,?,?,?)", RetentionProperties::operatorAlerts, ""),
                new Table("sink_delivered_key", "delivery_key", "INSERT INTO sink_delivered_key (sink, delivery_key,"
                        + " delivered_at) VALUES (?,?,?)", RetentionProperties::sinkDeliveredKeys, ""),
                new Table("vcs_mailbox", "event_id", mailbox, RetentionProperties::vcsMailbox, "webhook"),
                new Table("vcs_mailbox", "event_id", mailbox, RetentionProperties::vcsMailbox, "acked"),
                new Table("vcs_mailbox", "event_id", mailbox, RetentionProperties::vcsMailboxUnacknowledged, "unacked"),
                new Table("operator_action", "CAST(id AS VARCHAR)", "INSERT INTO operator_action (acted_at, person,"
                        + " person_role, action, target, outcome) VALUES (?,?,?,?,?,?)",
                        RetentionProperties::operatorActions, ""),
                new Table("job_run", "job_name", "INSERT INTO job_run (job_name, period_start, instance_id, started_at,"
                        + " outcome) VALUES (?,?,?,?,?)", RetentionProperties::jobRuns, "")));
        return t;
    }
}
