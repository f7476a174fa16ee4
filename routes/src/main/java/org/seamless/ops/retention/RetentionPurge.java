package org.seamless.ops.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes what the retention policy (ADR 0072) says is past its time, table by table; each rule names the time
 * a row's age is counted from. The disclosure ledger and the consent registry are never purged here: the
 * ledger's entries hold digests, not bodies, so its chain stays verifiable after the bodies go; the registry is
 * the evidence of each basis. Safe to run again; runs once per interval across instances ({@link RetentionJob}).
 */
public class RetentionPurge {
    /** One rule: rows of {@code table} matching {@code where}, each {@code ?} bound to now minus the limit. */
    record Rule(String name, String table, String where, List<Function<RetentionProperties, Duration>> limits) {
    }

    static final List<Rule> RULES = List.of(
            new Rule("inbound-messages", "inbound_message", "received_at < ?", List.of(RetentionProperties::inboundMessages)),
            new Rule("vcs-mailbox", "vcs_mailbox", "(pull = FALSE AND kept_at < ?)"
                    + " OR (pull = TRUE AND acked_at IS NOT NULL AND acked_at < ?)",
                    List.of(RetentionProperties::vcsMailbox, RetentionProperties::vcsMailbox)),
            new Rule("vcs-mailbox-unacknowledged", "vcs_mailbox", "pull = TRUE AND acked_at IS NULL AND kept_at < ?",
                    List.of(RetentionProperties::vcsMailboxUnacknowledged)),
            new Rule("tracking", "inbound_receipt", "received_at < ?", List.of(RetentionProperties::tracking)),
            new Rule("tracking", "delivery", "updated_at < ?", List.of(RetentionProperties::tracking)),
            new Rule("tracking", "delivery_failure", "last_failed_at < ?", List.of(RetentionProperties::tracking)),
            new Rule("tracking", "routing_decision", "decided_at < ?", List.of(RetentionProperties::tracking)),
            new Rule("tracking", "notice_answer", "answered_at < ?", List.of(RetentionProperties::tracking)),
            new Rule("tracking", "consent_receipt", "updated_at < ?", List.of(RetentionProperties::tracking)),
            new Rule("tracking", "vcs_referral", "updated_at < ?", List.of(RetentionProperties::tracking)),
            new Rule("tracking", "d2a_stay_clock", "updated_at < ?", List.of(RetentionProperties::tracking)),
            new Rule("tracking", "identity_event", "received_at < ?", List.of(RetentionProperties::tracking)),
            new Rule("tracking", "pds_trace", "traced_at < ?", List.of(RetentionProperties::tracking)),
            new Rule("alert-access", "alert_access", "accessed_at < ?", List.of(RetentionProperties::alertAccess)),
            new Rule("inactive-alert-flags", "alert_flag", "active = FALSE AND updated_at < ?",
                    List.of(RetentionProperties::inactiveAlertFlags)),
            new Rule("operator-alerts", "operator_alert", "raised_at < ?", List.of(RetentionProperties::operatorAlerts)),
            new Rule("operator-actions", "operator_action", "acted_at < ?", List.of(RetentionProperties::operatorActions)),
            new Rule("sink-delivered-keys", "sink_delivered_key", "delivered_at < ?",
                    List.of(RetentionProperties::sinkDeliveredKeys)),
            new Rule("job-runs", "job_run", "started_at < ?", List.of(RetentionProperties::jobRuns)));

    private final JdbcTemplate jdbc;
    private final RetentionProperties policy;

    public RetentionPurge(JdbcTemplate jdbc, RetentionProperties policy) {
        this.jdbc = jdbc;
        this.policy = policy;
    }

    /** One purge as of {@code now}: "table (rule)" to the rows deleted, for every rule. */
    public Map<String, Integer> run(Instant now) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Rule r : RULES) {
            Object[] cutoffs = r.limits().stream()
                    .map(limit -> OffsetDateTime.ofInstant(now.minus(limit.apply(policy)), ZoneOffset.UTC)).toArray();
            out.put(r.table() + " (" + r.name() + ")",
                    jdbc.update("DELETE FROM " + r.table() + " WHERE " + r.where(), cutoffs));
        }
        return out;
    }
}
