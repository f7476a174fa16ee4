package org.seamless.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.direct.DirectComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.registry.AdapterConfig;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.adapters.registry.BrokerAddresses;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.AgencySinkRoute;
import org.seamless.adapters.spi.Sink;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.ops.tracking.JdbcDeliveryJournal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A sink with delivered keys in the runtime's database runs its delivery step in one database transaction
 * (ADR 0099): the journal's row and the key commit together, after the step, or neither does; what the step
 * threw reaches the route's error handling unchanged; a key another delivery added meanwhile rolls the step
 * back, and the redelivery takes the repeat path.
 */
class SinkDeliveryTransactionTest {
    private static final String SOURCE = "demo-trust";
    private JdbcTemplate jdbc;
    private CamelContext camel;
    private final AtomicInteger deliveries = new AtomicInteger();
    /** What another connection saw of the step's journal row while the step ran (null: not looked). */
    private volatile Integer rowsSeenOutside;

    @BeforeEach
    void setUp() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:sink-tx-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(ds);
        JdbcSinkKeys keys = new JdbcSinkKeys(jdbc, Clock.systemUTC(), new TransactionTemplate(new DataSourceTransactionManager(ds)));
        JdbcDeliveryJournal journal = new JdbcDeliveryJournal(jdbc, Clock.systemUTC());
        AgencyConfig agency = new AgencyConfig("la-x", "LA", AgencyKind.LOCAL_AUTHORITY, "LAX01", Optional.empty(),
                new AdapterConfig("test", Map.of()), BrokerAddresses.conventional("la-x"), List.of());
        AdapterContext context = new AdapterContext("broker", null, journal, null, null, null, keys);
        IdempotentRepository store = keys.forSink("la-x:test-sink");
        Sink sink = new Sink() {
            @Override
            public String name() {
                return "test-sink";
            }

            @Override
            public IdempotentRepository deliveredKeys() {
                return store;
            }

            @Override
            public String repeatDetail() {
                return "repeat";
            }

            @Override
            public void deliver(Exchange e) throws Exception {
                deliveries.incrementAndGet();
                var m = e.getMessage();
                journal.delivered("la-x", SOURCE, m.getHeader(BrokerHeaders.MESSAGE_ID, String.class), 0, "written");
                String id = m.getHeader(BrokerHeaders.MESSAGE_ID, String.class);
                rowsSeenOutside = CompletableFuture.supplyAsync(() -> rows(id)).join(); // another thread, another connection
                if (m.getHeader("test-fail") != null) {
                    throw new IOException("partner refused the write");
                }
                if (m.getHeader("test-race") != null) {
                    // another delivery of the same message adds its key first (its own transaction, committed)
                    CompletableFuture.runAsync(() -> store.add(m.getHeader(AgencySinkRoute.DELIVERY_KEY) + ":0")).join();
                }
            }
        };
        camel = new DefaultCamelContext();
        camel.addComponent("broker", new DirectComponent() {
            // why: stands in for the agency's JMS component; the sink template sets a JMS consumer option
            @Override
            protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> options) throws Exception {
                options.remove("errorHandlerLogStackTrace");
                return super.createEndpoint(uri, remaining, options);
            }
        });
        camel.addRoutes(new AgencySinkRoute(agency, context, sink));
        camel.start();
    }

    @AfterEach
    void tearDown() {
        camel.stop();
    }

    @Test
    void theJournalRowAndTheKeyCommitTogetherAfterTheStep() {
        send("m-1", Map.of());
        assertThat(rowsSeenOutside).as("the journal row is not committed while the step runs").isZero();
        assertThat(state("m-1")).isEqualTo("DELIVERED written");
        assertThat(keys()).isEqualTo(1);

        send("m-1", Map.of()); // a redelivery after a crash between the database and the broker commits
        assertThat(deliveries).hasValue(1);
        assertThat(state("m-1")).isEqualTo("DELIVERED repeat");
        assertThat(keys()).isEqualTo(1);
    }

    @Test
    void aFailedStepLeavesNeitherTheRowNorTheKeyAndItsFailureUnchanged() {
        assertThatThrownBy(() -> send("m-2", Map.of("test-fail", "yes")))
                .isInstanceOf(CamelExecutionException.class).hasRootCauseInstanceOf(IOException.class)
                .hasRootCauseMessage("partner refused the write");
        assertThat(rows("m-2")).isZero();
        assertThat(keys()).isZero();

        send("m-2", Map.of()); // redelivered: delivered now
        assertThat(deliveries).hasValue(2);
        assertThat(state("m-2")).isEqualTo("DELIVERED written");
        assertThat(keys()).isEqualTo(1);
    }

    @Test
    void aKeyAddedMeanwhileRollsTheStepBackAndTheRedeliveryIsARepeat() {
        assertThatThrownBy(() -> send("m-3", Map.of("test-race", "yes")))
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("delivery key of message m-3 was added by another delivery meanwhile");
        assertThat(rows("m-3")).as("this step's journal row rolled back").isZero();
        assertThat(keys()).isEqualTo(1);

        send("m-3", Map.of());
        assertThat(deliveries).hasValue(1);
        assertThat(state("m-3")).isEqualTo("DELIVERED repeat");
    }

    private void send(String id, Map<String, Object> extra) {
        Map<String, Object> headers = new java.util.HashMap<>(extra);
        headers.putAll(Map.of(BrokerHeaders.MESSAGE_ID, id, BrokerHeaders.SOURCE_AGENCY, SOURCE,
                BrokerHeaders.REPLAY_GENERATION, 0));
        camel.createProducerTemplate().sendBodyAndHeaders("broker:queue:agency.la-x.outbound", "{}", headers);
    }

    private int rows(String id) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE message_id = ?", Integer.class, id);
    }

    private String state(String id) {
        return jdbc.queryForObject("SELECT state || ' ' || detail FROM delivery WHERE message_id = ?", String.class, id);
    }

    private int keys() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM sink_delivered_key", Integer.class);
    }
}
