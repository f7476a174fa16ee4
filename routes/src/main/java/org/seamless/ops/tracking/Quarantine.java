package org.seamless.ops.tracking;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.app.cluster.ClusterJobs;
import org.springframework.stereotype.Component;

/**
 * Stores rejected input in the {@code quarantine} table, its payload encrypted
 * ({@link QuarantineCipher}), and logs only its reference and reason code. Operators read it
 * through {@code /api/ops/quarantine}; rows older than {@code seamless.quarantine.retention} are
 * deleted by {@link #purge(Instant)}.
 */
@Component
public class Quarantine implements RejectedInputStore {
    private static final Logger log = LoggerFactory.getLogger(Quarantine.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final QuarantineCipher cipher;
    private final Duration retention;
    private final int maxPayloadBytes;
    private final org.seamless.ops.metrics.SeamlessMetrics metrics;

    public Quarantine(JdbcTemplate jdbc, Clock clock, org.seamless.ops.metrics.SeamlessMetrics metrics,
                      @Value("${seamless.keys.quarantine-key:}") String key,
                      @Value("${seamless.quarantine.retention:P30D}") Duration retention,
                      @Value("${seamless.quarantine.max-payload-bytes:1048576}") int maxPayloadBytes) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.metrics = metrics;
        this.cipher = new QuarantineCipher(key);
        this.retention = retention;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** A kept item as an operator sees it; {@code payload} is decrypted. */
    public record Item(String id, Instant receivedAt, String sourceAgency, String edge, String reasonCode, String reason,
                       String messageId, String contentType, byte[] payload) {
    }

    @Override
    public String keep(Rejection given) {
        Rejection r = capped(given);
        String id = UUID.randomUUID().toString();
        jdbc.update("""
                INSERT INTO quarantine (id, received_at, source_agency, edge, reason_code, reason, message_id,
                  content_type, payload, payload_key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id, Timestamp.from(clock.instant()), r.sourceAgency(), r.edge(), r.reasonCode(),
                truncate(r.reason()), r.messageId(), r.contentType(),
                r.payload() == null ? null : cipher.encrypt(id, r.payload()), r.payload() == null ? null : cipher.keyId());
        log.warn("rejected input kept as {} (edge {}, agency {}, reason {})", id, r.edge(), r.sourceAgency(),
                r.reasonCode());
        metrics.quarantined(r.sourceAgency(), r.edge(), r.reasonCode());
        return id;
    }

    /** Keeps a message the hub could not route; the exception message carries no personal values. */
    public void keepHubRejection(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String body = exchange.getMessage().getBody(String.class);
        String source = exchange.getFromRouteId() == null ? null
                : exchange.getFromRouteId().replaceFirst("^hub-inbound-", "");
        String code = cause instanceof org.seamless.privacy.identify.IdentificationException ie ? ie.code()
                : cause instanceof org.seamless.hub.answers.AnswerProblem ap ? ap.code()
                : cause == null ? "unknown" : cause.getClass().getSimpleName();
        keep(new Rejection(source, "hub", code, cause == null ? "unknown" : String.valueOf(cause.getMessage()),
                exchange.getMessage().getHeader(BrokerHeaders.MESSAGE_ID, String.class), "application/fhir+json",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The newest kept items, without payloads. */
    public List<Item> recent(int limit) {
        return jdbc.query("""
                SELECT id, received_at, source_agency, edge, reason_code, reason, message_id, content_type
                FROM quarantine ORDER BY received_at DESC, id FETCH FIRST ? ROWS ONLY""",
                (rs, i) -> new Item(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), null),
                Math.max(1, Math.min(limit, 500)));
    }

    /** One kept item with its payload decrypted. */
    public Optional<Item> read(String id) {
        List<Item> items = jdbc.query("""
                SELECT id, received_at, source_agency, edge, reason_code, reason, message_id, content_type, payload,
                  payload_key_id FROM quarantine WHERE id = ?""",
                (rs, i) -> {
                    byte[] stored = rs.getBytes(9);
                    String keyId = rs.getString(10);
                    byte[] payload = stored == null ? null : keyId == null ? stored : cipher.decrypt(rs.getString(1), keyId, stored);
                    return new Item(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), payload);
                }, id);
        return items.stream().findFirst();
    }

    /** Deletes one kept item now (an operator decided it is no longer needed); false when there was none. */
    public boolean delete(String id) {
        boolean deleted = jdbc.update("DELETE FROM quarantine WHERE id = ?", id) > 0;
        if (deleted) {
            log.info("quarantined item {} deleted by an operator", id);
        }
        return deleted;
    }

    /** Deletes items kept longer than the retention period; returns how many. */
    public int purge(Instant now) {
        int n = jdbc.update("DELETE FROM quarantine WHERE received_at < ?", Timestamp.from(now.minus(retention)));
        if (n > 0) {
            log.info("quarantine retention ({}): {} item(s) deleted", retention, n);
        }
        return n;
    }

    /** The retention job's name ({@link ClusterJobs}): once per interval across hub instances (ADR 0054). */
    public static final String PURGE_JOB = "quarantine-purge";

    /** Called by Spring once made: purges every {@code purge-interval}, first shortly after the start. */
    @org.springframework.beans.factory.annotation.Autowired
    void scheduleOn(ClusterJobs jobs, @Value("${seamless.quarantine.purge-initial-delay:PT1M}") Duration initialDelay,
                    @Value("${seamless.quarantine.purge-interval:PT1H}") Duration interval) {
        jobs.schedule(new ClusterJobs.Job(PURGE_JOB, interval, null, () -> purge(clock.instant())), initialDelay);
    }

    /** Never more than an excerpt of {@code max-payload-bytes}, whatever an edge hands over. */
    private Rejection capped(Rejection r) {
        if (r.payload() == null || r.payload().length <= maxPayloadBytes) {
            return r;
        }
        return new Rejection(r.sourceAgency(), r.edge(), r.reasonCode(), r.reason() + " (payload cut to its first "
                + maxPayloadBytes + " of " + r.payload().length + " bytes)", r.messageId(), r.contentType(),
                java.util.Arrays.copyOf(r.payload(), maxPayloadBytes));
    }

    private static String truncate(String s) {
        return s == null ? "" : s.length() > 4000 ? s.substring(0, 4000) : s;
    }
}
