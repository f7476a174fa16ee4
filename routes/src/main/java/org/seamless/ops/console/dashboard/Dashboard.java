package org.seamless.ops.console.dashboard;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.app.broker.EmbeddedBroker;
import org.seamless.ops.reliability.SinkCircuitBreakers;
import org.seamless.app.security.CertificateExpiries;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the console's dashboard shows per agency and its adapter (ADR 0051): messages received from it,
 * and released to or withheld from it, in the last hour and day (from the inbound receipts and the
 * disclosure ledger's decisions: three grouped, time-ranged queries over indexes, V90); its broker queues
 * and dead letters (the embedded broker's queues; unknown with an external broker); its sink's circuit;
 * its last delivery; when its certificate credentials expire, where known. A row names what needs a person.
 */
@Component
public class Dashboard {
    /** A certificate expiring within this is flagged. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private final AgencyRegistry agencies;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SinkCircuitBreakers circuits;
    private final ObjectProvider<EmbeddedBroker> broker;
    private final ObjectProvider<CertificateExpiries> certificates;

    public Dashboard(AgencyRegistry agencies, JdbcTemplate jdbc, Clock clock, SinkCircuitBreakers circuits,
                     ObjectProvider<EmbeddedBroker> broker, ObjectProvider<CertificateExpiries> certificates) {
        this.agencies = agencies;
        this.jdbc = jdbc;
        this.clock = clock;
        this.circuits = circuits;
        this.broker = broker;
        this.certificates = certificates;
    }

    /** Counts in one window. */
    public record Counts(long received, long released, long withheld) {
        static final Counts NONE = new Counts(0, 0, 0);
    }

    /**
     * One agency's row.
     *
     * @param inboundDepth  messages waiting in its inbound queue, -1 where not known (external broker)
     * @param outboundDepth messages waiting in its outbound queue, -1 where not known
     * @param deadLetters   messages in its dead-letter address, -1 where not known
     * @param attention     what needs a person, in words; empty when nothing does
     */
    public record Row(String id, String name, String kind, String adapter, Counts lastHour, Counts lastDay,
                      long inboundDepth, long outboundDepth, long deadLetters, String circuit, int circuitWaiting,
                      Instant lastDelivered, Instant certificateExpiry, List<String> attention) {
        private static final java.time.format.DateTimeFormatter SHOWN =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

        public boolean needsPerson() {
            return !attention.isEmpty();
        }

        public String lastDeliveredText() {
            return lastDelivered == null ? "none yet" : SHOWN.format(lastDelivered);
        }

        public String certificateText() {
            return certificateExpiry == null ? "not known" : SHOWN.format(certificateExpiry);
        }

        /** A depth as shown: the number, or "not known" (an external broker). */
        static String depth(long n) {
            return n < 0 ? "not known" : Long.toString(n);
        }

        public String queuesText() {
            return depth(inboundDepth) + " / " + depth(outboundDepth);
        }

        public String deadLettersText() {
            return depth(deadLetters);
        }

        public String circuitTagClass() {
            return switch (circuit) {
                case "OPEN" -> "nhsuk-tag nhsuk-tag--red";
                case "HALF_OPEN" -> "nhsuk-tag nhsuk-tag--orange";
                case "CLOSED" -> "nhsuk-tag nhsuk-tag--green";
                default -> "nhsuk-tag nhsuk-tag--grey";
            };
        }
    }

    /** The dashboard at this moment: one row per agency in the registry, in the registry's order. */
    public List<Row> rows() {
        Instant now = clock.instant();
        Instant hour = now.minus(Duration.ofHours(1));
        Instant day = now.minus(Duration.ofDays(1));
        Map<String, long[]> received = new HashMap<>();
        jdbc.query("SELECT source_agency, SUM(CASE WHEN received_at >= ? THEN 1 ELSE 0 END), COUNT(*) "
                        + "FROM inbound_receipt WHERE received_at >= ? GROUP BY source_agency",
                rs -> {
                    received.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                }, Timestamp.from(hour), Timestamp.from(day));
        Map<String, long[]> decided = new HashMap<>();
        jdbc.query("SELECT recipient_agency, "
                        + "SUM(CASE WHEN occurred_at >= ? AND outcome <> 'WITHHOLD' THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN outcome <> 'WITHHOLD' THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN occurred_at >= ? AND outcome = 'WITHHOLD' THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN outcome = 'WITHHOLD' THEN 1 ELSE 0 END) "
                        + "FROM ledger_entry WHERE entry_kind = 'DECISION' AND occurred_at >= ? GROUP BY recipient_agency",
                rs -> {
                    decided.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                }, Timestamp.from(hour), Timestamp.from(hour), Timestamp.from(day));
        EmbeddedBroker embedded = broker.getIfAvailable();
        CertificateExpiries certs = certificates.getIfAvailable();
        List<Row> rows = new ArrayList<>();
        for (AgencyConfig a : agencies.all()) {
            long[] r = received.getOrDefault(a.id(), new long[2]);
            long[] d = decided.getOrDefault(a.id(), new long[4]);
            long inbound = embedded == null ? -1 : embedded.messageCount(a.addresses().inbound());
            long outbound = embedded == null ? -1 : embedded.messageCount(a.addresses().outbound());
            long dead = embedded == null ? -1 : embedded.messageCount(a.addresses().deadLetter());
            Optional<SinkCircuitBreakers.State> circuit = circuits.state(a.id());
            Instant lastDelivered = jdbc.query("SELECT MAX(updated_at) FROM delivery WHERE recipient_agency = ? "
                    + "AND state = 'DELIVERED'", rs -> rs.next() && rs.getTimestamp(1) != null
                    ? rs.getTimestamp(1).toInstant() : null, a.id());
            Instant expiry = certs == null ? null : certs.expiry(a.id()).orElse(null);
            List<String> attention = new ArrayList<>();
            if (dead > 0) {
                attention.add(dead + (dead == 1 ? " dead letter" : " dead letters") + " waiting");
            }
            String state = circuit.map(SinkCircuitBreakers.State::state).orElse("");
            if (state.equals("OPEN")) {
                attention.add("circuit open: deliveries to it are paused");
            }
            if (expiry != null && expiry.isBefore(now)) {
                attention.add("certificate expired");
            } else if (expiry != null && expiry.isBefore(now.plus(EXPIRY_WARNING))) {
                attention.add("certificate expires within " + EXPIRY_WARNING.toDays() + " days");
            }
            rows.add(new Row(a.id(), a.name(), a.kind().code(), a.adapter().type(),
                    new Counts(r[0], d[0], d[2]), new Counts(r[1], d[1], d[3]),
                    inbound, outbound, dead, state.isEmpty() ? "none" : state,
                    circuit.map(SinkCircuitBreakers.State::waiting).orElse(0), lastDelivered, expiry,
                    List.copyOf(attention)));
        }
        return rows;
    }
}
