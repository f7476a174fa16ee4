package org.seamless.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.ops.metrics.SeamlessMetrics;
import org.seamless.privacy.ledger.ChainHasher;
import org.seamless.privacy.ledger.EntryKind;
import org.seamless.privacy.ledger.JdbcLedger;
import org.seamless.privacy.ledger.LedgerEntry;
import org.seamless.privacy.ledger.LedgerQueries;
import org.seamless.privacy.ledger.LedgerVerifier;

/**
 * The hub step's ledger batch (ADR 0093) in a route shaped like the hub's inbound route: a step that
 * completes has every queued entry appended before it returns (when the broker would commit), a step that
 * fails has none appended, a step whose problem is handled (quarantined) has what it queued before the
 * problem appended, and the consumer thread is left with no batch open in every case. The step's own
 * rows (the message kept for replay, the routing decision) go with its entries (ADR 0098).
 */
class HubLedgerBatchTest {
    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    private JdbcLedger ledger;
    private org.springframework.jdbc.core.JdbcTemplate jdbc;
    private LedgerQueries queries;
    private LedgerVerifier verifier;
    private CamelContext camel;
    private ProducerTemplate producer;
    /** The batch's state seen by the route's caller thread once the exchange is done. */
    private volatile int queuedAfter = -1;

    static class Handled extends RuntimeException {
        Handled() {
            super("a problem the route quarantines");
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:hub-batch-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        ChainHasher hasher = new ChainHasher(key);
        ledger = new JdbcLedger(ds, hasher);
        queries = new LedgerQueries(ds);
        verifier = new LedgerVerifier(queries, hasher);
        HubLedgerBatch batch = new HubLedgerBatch(ledger, new SeamlessMetrics(METERS, new AgencyRegistry(List.of())));
        jdbc = new org.springframework.jdbc.core.JdbcTemplate(ds);
        org.seamless.ops.replay.InboundMessages kept = new org.seamless.ops.replay.InboundMessages(jdbc,
                java.time.Clock.systemUTC(), org.seamless.testsupport.TestAtRest.cipher(), ledger);
        org.seamless.hub.residence.JdbcRoutingDecisions decisions = new org.seamless.hub.residence.JdbcRoutingDecisions(
                jdbc, java.time.Clock.systemUTC(), ledger);
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Handled.class).handled(true).process(batch::flush);
                from("direct:step").routeId("step")
                        .process(batch::open)
                        .process(e -> {
                            String id = e.getMessage().getBody(String.class);
                            long before = entries();
                            int rowsBefore = rows(id);
                            kept.keep("demo-trust", id, "discharge-notice", "{\"resourceType\":\"Bundle\"}");
                            decisions.record("demo-trust", id, "demo-la", 0,
                                    org.seamless.hub.residence.RoutingReason.values()[0]);
                            ledger.appendOrDefer(draft(id, EntryKind.ROUTING));
                            ledger.appendOrDefer(draft(id, EntryKind.DECISION));
                            // nothing is in the ledger until the step's last action
                            if (entries() != before || rows(id) != rowsBefore) {
                                throw new IllegalStateException("appended or written before the step ended");
                            }
                            String fate = e.getMessage().getHeader("fate", String.class);
                            if ("fail".equals(fate)) {
                                throw new IllegalStateException("the step fails and is rolled back");
                            }
                            if ("quarantine".equals(fate)) {
                                throw new Handled();
                            }
                            ledger.appendOrDefer(draft(id, EntryKind.RELEASE));
                        })
                        .process(batch::flush);
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void tearDown() {
        camel.stop();
    }

    @Test
    void aStepThatCompletesHasEveryEntryAppendedInOrder() {
        send("m-1", "complete");
        send("m-2", "complete");

        assertThat(queries.find("demo-trust", "m-1", "demo-la", 0, EntryKind.ROUTING)).map(LedgerEntry::seq).contains(1L);
        assertThat(queries.find("demo-trust", "m-1", "demo-la", 0, EntryKind.RELEASE)).map(LedgerEntry::seq).contains(3L);
        assertThat(queries.find("demo-trust", "m-2", "demo-la", 0, EntryKind.RELEASE)).map(LedgerEntry::seq).contains(6L);
        assertThat(verifier.verify(List.of()).intact()).isTrue();
        assertThat(rows("m-1")).isEqualTo(2);
        assertThat(queuedAfter).isZero();
        assertThat(METERS.find(SeamlessMetrics.LEDGER_APPEND).tag("kind", "batch").timer().count()).isPositive();
    }

    @Test
    void aStepThatFailsAppendsNothingAndItsRepeatAppendsOnce() {
        assertThatThrownBy(() -> send("m-3", "fail")).isInstanceOf(CamelExecutionException.class);
        assertThat(queuedAfter).isZero();
        assertThat(verifier.verify(List.of()).entries()).isZero();
        assertThat(rows("m-3")).as("the failed step's rows were rolled back with its entries").isZero();

        send("m-3", "complete"); // the broker gives the message again
        send("m-3", "complete"); // and once more after a crash between the ledger's commit and the broker's
        assertThat(verifier.verify(List.of()).entries()).isEqualTo(3);
        assertThat(verifier.verify(List.of()).intact()).isTrue();
        assertThat(rows("m-3")).as("one kept message and one decision, however often the step ran").isEqualTo(2);
    }

    @Test
    void aQuarantinedStepHasWhatItQueuedBeforeTheProblemAppended() {
        send("m-4", "quarantine");

        assertThat(queries.find("demo-trust", "m-4", "demo-la", 0, EntryKind.ROUTING)).isPresent();
        assertThat(queries.find("demo-trust", "m-4", "demo-la", 0, EntryKind.DECISION)).isPresent();
        assertThat(queries.find("demo-trust", "m-4", "demo-la", 0, EntryKind.RELEASE)).isEmpty();
        assertThat(rows("m-4")).isEqualTo(2);
        assertThat(queuedAfter).isZero();
    }

    /** The step's own rows for the message: kept message and routing decision. */
    private int rows(String id) {
        return jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM inbound_message WHERE message_id = ?)"
                + " + (SELECT COUNT(*) FROM routing_decision WHERE message_id = ?)", Integer.class, id, id);
    }

    private long entries() {
        return verifier.verify(List.of()).entries();
    }

    private void send(String id, String fate) {
        queuedAfter = -1;
        try {
            producer.sendBodyAndHeader("direct:step", id, "fate", fate);
        } finally {
            queuedAfter = ledger.queued(); // direct: runs on this thread, as the JMS consumer's step does
        }
    }

    private static LedgerEntry draft(String id, EntryKind kind) {
        Instant t = LedgerEntry.stored(Instant.now());
        return new LedgerEntry(0, kind, id, "demo-la", 0, "discharge-notice", "demo-trust", "subject-1",
                "RELEASE_IDENTIFIABLE", "adw-discharge-notice", "direct-care", "HSCA 2012 s251B", null, null,
                "MessageHeader,Patient", "d-" + id, t, t, null);
    }
}
