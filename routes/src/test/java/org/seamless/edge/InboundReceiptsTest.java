package org.seamless.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The receipt times held in memory for the acknowledgement latency are the times the table holds. */
class InboundReceiptsTest {
    private JdbcTemplate jdbc;
    private InboundReceipts receipts;

    @BeforeEach
    void database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:receipts-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(ds);
        receipts = new InboundReceipts(jdbc);
    }

    @Test
    void aRecentReceiptIsAnsweredFromMemoryWithTheTimeTheTableHolds() {
        Instant at = Instant.parse("2026-12-06T10:15:30.123456789Z");
        receipts.record("demo-trust", "msg-1", "d1", "admission", at);
        // the row changes behind the memory's back: an answer from memory keeps the recorded time
        jdbc.update("UPDATE inbound_receipt SET received_at = TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00Z'");

        assertThat(receipts.receivedAt("demo-trust", "msg-1")).contains(at.truncatedTo(ChronoUnit.MICROS));
        assertThat(new InboundReceipts(jdbc).receivedAt("demo-trust", "msg-1"))
                .contains(Instant.parse("2020-01-01T00:00:00Z"));
    }

    @Test
    void aReceiptThisInstanceDidNotRecordIsReadFromTheTable() {
        Instant at = Instant.parse("2026-12-06T10:15:30.123456Z");
        new InboundReceipts(jdbc).record("demo-trust", "msg-2", "d2", "admission", at);

        assertThat(receipts.receivedAt("demo-trust", "msg-2")).contains(at);
        assertThat(receipts.receivedAt("demo-trust", "never-received")).isEmpty();
        // ids are unique per source only
        assertThat(receipts.receivedAt("other-trust", "msg-2")).isEmpty();
    }

    @Test
    void theMemoryIsBoundedAndAnEvictedReceiptIsStillAnswered() {
        Instant at = Instant.parse("2026-12-06T10:00:00Z");
        for (int i = 0; i <= InboundReceipts.RECENT; i++) {
            receipts.record("demo-trust", "msg-" + i, "d", "admission", at.plusMillis(i));
        }
        jdbc.update("UPDATE inbound_receipt SET received_at = TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00Z'"
                + " WHERE message_id IN ('msg-0', 'msg-" + InboundReceipts.RECENT + "')");

        // the oldest was evicted and comes from the table; the newest is still held
        assertThat(receipts.receivedAt("demo-trust", "msg-0")).contains(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(receipts.receivedAt("demo-trust", "msg-" + InboundReceipts.RECENT))
                .contains(at.plusMillis(InboundReceipts.RECENT));
    }

    @Test
    void aDuplicateRecordKeepsTheFirstTime() {
        Instant first = Instant.parse("2026-12-06T10:00:00Z");
        receipts.record("demo-trust", "msg-3", "d3", "admission", first);
        InboundReceipts other = new InboundReceipts(jdbc);
        other.record("demo-trust", "msg-3", "d3", "admission", first.plusSeconds(5));

        assertThat(other.receivedAt("demo-trust", "msg-3")).contains(first);
        assertThat(receipts.receivedAt("demo-trust", "msg-3")).contains(first);
    }
}
