package org.seamless.ops.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.privacy.decide.Outcome;
import org.springframework.stereotype.Component;

/**
 * Seamless's own counters and timers (docs/metrics.md, ADR 0048), recorded at the few
 * places every message passes: the inbound gate's receipt, the quarantine, the disclosure ledger and
 * the delivery acknowledgements. Tags are low-cardinality only: an agency id from the registry (any
 * other value becomes {@value #OTHER}), an event code of the closed event set, an outcome or reason
 * code. Never a message id, a person's data or free text.
 */
@Component
public class SeamlessMetrics {
    public static final String RECEIVED = "seamless.messages.received";
    public static final String RELEASED = "seamless.messages.released";
    public static final String PSEUDONYMISED = "seamless.messages.pseudonymised";
    public static final String WITHHELD = "seamless.messages.withheld";
    public static final String QUARANTINED = "seamless.messages.quarantined";
    public static final String DELIVERIES = "seamless.deliveries";
    public static final String DELIVERY_LATENCY = "seamless.delivery.latency";
    public static final String LEDGER_APPEND = "seamless.ledger.append";
    public static final String ALERT_EXTRACT_ROWS = "seamless.alert.extract.rows";
    /** Prefix of the gauges of an extract import's progress (ADR 0066). */
    public static final String IMPORT_PROGRESS = "seamless.alert.extract.progress";

    /** The tag value for an agency or code that is not one of the known, bounded values. */
    public static final String OTHER = "other";

    /** Every meter name this class records (the Prometheus names add {@code _total} or {@code _seconds}). */
    public static final List<String> NAMES = List.of(RECEIVED, RELEASED, PSEUDONYMISED, WITHHELD, QUARANTINED,
            DELIVERIES, DELIVERY_LATENCY, LEDGER_APPEND, ALERT_EXTRACT_ROWS);

    private static final Set<String> DELIVERY_OUTCOMES = Set.of("DELIVERED", "REFUSED", "DEADLINE_PASSED", "UNDELIVERABLE");
    private static final Set<String> ROW_RESULTS = Set.of("accepted", "rejected", "refused-by-gate");

    private final MeterRegistry registry;
    private final AgencyRegistry agencies;
    private final java.util.Map<String, java.util.concurrent.atomic.AtomicReference<
            org.seamless.adapters.spi.ImportProgress.Snapshot>> importProgress = new java.util.concurrent.ConcurrentHashMap<>();

    public SeamlessMetrics(MeterRegistry registry, AgencyRegistry agencies) {
        this.registry = registry;
        this.agencies = agencies;
    }

    /** A message from {@code source} was accepted at an edge and published to the hub (not a repeat). */
    public void received(String source, String event) {
        counter(RECEIVED, "messages accepted at an edge, by source agency and event", source, event).increment();
    }

    /** The privacy chain decided a leg; only a withhold is counted here (releases are counted when published). */
    public void decided(String recipient, String event, Outcome outcome) {
        if (outcome == Outcome.WITHHOLD) {
            counter(WITHHELD, "legs withheld by the privacy chain, by recipient agency and event", recipient, event)
                    .increment();
        }
    }

    /** A leg's payload was published to the recipient's outbound address. */
    public void released(String recipient, String event, Outcome outcome) {
        counter(RELEASED, "legs released to a recipient (identifiable or pseudonymised), by recipient and event",
                recipient, event).increment();
        if (outcome == Outcome.RELEASE_PSEUDONYMISED) {
            counter(PSEUDONYMISED, "legs released pseudonymised, by recipient agency and event", recipient, event)
                    .increment();
        }
    }

    /** Input was rejected and kept in the quarantine. */
    public void quarantined(String source, String edge, String reasonCode) {
        Counter.builder(QUARANTINED).description("rejected input kept in the quarantine, by source agency, edge and reason")
                .tag("agency", agency(source)).tag("edge", code(edge)).tag("reason", code(reasonCode))
                .register(registry).increment();
    }

    /**
     * The recipient's system answered a release ({@code DELIVERED} or {@code REFUSED}) or its deadline passed
     * ({@code DEADLINE_PASSED}); {@code sinceReceived} (may be null) is the time from the message's receipt to
     * this answer, recorded in the latency histogram for deliveries only.
     */
    public void acknowledged(String recipient, String event, String outcome, Duration sinceReceived) {
        String state = outcome != null && DELIVERY_OUTCOMES.contains(outcome) ? outcome : OTHER;
        Counter.builder(DELIVERIES).description("answers from recipients' systems (and passed deadlines), by outcome")
                .tag("agency", agency(recipient)).tag("event", event(event)).tag("outcome", state)
                .register(registry).increment();
        if ("DELIVERED".equals(state) && sinceReceived != null && !sinceReceived.isNegative()) {
            Timer.builder(DELIVERY_LATENCY).description("time from a message's receipt to its delivery to a recipient")
                    .tag("agency", agency(recipient)).tag("event", event(event))
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10))
                    .maximumExpectedValue(Duration.ofDays(2)).register(registry).record(sinceReceived);
        }
    }

    /** Times one append to the disclosure ledger ({@code kind}: DECISION, RELEASE, ACKNOWLEDGEMENT). */
    public <T> T ledgerAppend(String kind, Supplier<T> append) {
        return Timer.builder(LEDGER_APPEND).description("time to append one entry to the hash-chained disclosure ledger")
                .tag("kind", code(kind)).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry).record(append);
    }

    /** Rows of one social care alert extract, by what became of them. */
    public void alertExtractRows(String agency, long accepted, long rejected, long refusedByGate) {
        rows(agency, "accepted", accepted);
        rows(agency, "rejected", rejected);
        rows(agency, "refused-by-gate", refusedByGate);
    }

    /**
     * How far the agency's current (or last) extract import has got: gauges read from the latest snapshot
     * ({@value #IMPORT_PROGRESS}.*, docs/metrics.md), registered on the agency's first import.
     */
    public void importProgress(String agency, org.seamless.adapters.spi.ImportProgress.Snapshot progress) {
        String tag = agency(agency);
        importProgress.computeIfAbsent(tag, t -> {
            var ref = new java.util.concurrent.atomic.AtomicReference<>(progress);
            gauge(IMPORT_PROGRESS + ".pass", "pass of the agency's extract import now running (1 validate, 2 send);"
                    + " 0 when none runs", t, ref, p -> p.running() ? p.passNumber() : 0, null);
            gauge(IMPORT_PROGRESS + ".rows", "rows the current pass of the agency's extract import has gone through", t,
                    ref, p -> p.rows(), "rows");
            gauge(IMPORT_PROGRESS + ".expected", "rows the current pass will go through; -1 while not known (first pass)",
                    t, ref, p -> p.totalRows(), "rows");
            gauge(IMPORT_PROGRESS + ".rejected", "rows of the extract rejected so far (invalid, or refused by the gate)",
                    t, ref, p -> p.rejected(), "rows");
            gauge(IMPORT_PROGRESS + ".rate", "rows per second of the current pass since it started", t, ref,
                    p -> p.rowsPerSecond(), "rows_per_second");
            gauge(IMPORT_PROGRESS + ".remaining", "estimated time left in the current pass; -1 when not known", t, ref,
                    p -> p.secondsLeft(), "seconds");
            return ref;
        }).set(progress);
    }

    private void gauge(String name, String description, String agency,
                       java.util.concurrent.atomic.AtomicReference<org.seamless.adapters.spi.ImportProgress.Snapshot> ref,
                       java.util.function.ToDoubleFunction<org.seamless.adapters.spi.ImportProgress.Snapshot> value,
                       String unit) {
        io.micrometer.core.instrument.Gauge.builder(name, ref, r -> value.applyAsDouble(r.get()))
                .description(description).tag("agency", agency).baseUnit(unit).register(registry);
    }

    private void rows(String agency, String result, long n) {
        if (!ROW_RESULTS.contains(result) || n < 0) {
            return;
        }
        Counter.builder(ALERT_EXTRACT_ROWS).description("rows of social care alert extracts processed, by result")
                .tag("agency", agency(agency)).tag("result", result).register(registry).increment(n);
    }

    private Counter counter(String name, String description, String agency, String event) {
        return Counter.builder(name).description(description).tag("agency", agency(agency)).tag("event", event(event))
                .register(registry);
    }

    /** A registered agency's id, else {@value #OTHER}: a caller can never mint a tag value. */
    String agency(String id) {
        return id != null && agencies.find(id).isPresent() ? id : OTHER;
    }

    static String event(String code) {
        return code != null && SeamlessEvent.fromCode(code).isPresent() ? code : OTHER;
    }

    /** A reason or edge code: short lower-case words only (codes, never text). */
    static String code(String value) {
        if (value == null) {
            return "unknown";
        }
        String v = value.length() <= 48 ? value : value.substring(0, 48);
        return v.matches("[A-Za-z][A-Za-z0-9_.-]*") ? v.toLowerCase(Locale.ROOT) : OTHER;
    }
}
