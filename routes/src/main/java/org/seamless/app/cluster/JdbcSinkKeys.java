package org.seamless.app.cluster;

import java.sql.Timestamp;
import java.time.Clock;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.seamless.adapters.spi.SinkKeyStores;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sinks' delivered keys in table {@code sink_delivered_key}, one store per sink name, shared by every
 * instance running the sink against this database (ADR 0054). {@code add} is an insert on the primary
 * key, so of two instances adding one key, one wins. A sink's delivery step runs in one database
 * transaction ({@link #inOneTransaction}), so its key and its delivery journal row commit together (ADR 0099).
 */
@Component
public class JdbcSinkKeys implements SinkKeyStores {
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TransactionTemplate tx;

    public JdbcSinkKeys(JdbcTemplate jdbc, Clock clock, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tx = tx;
    }

    /**
     * Runs the step in a transaction of the database this store and the delivery journal write to (their
     * {@link JdbcTemplate} joins it): committed when the step returns, rolled back when it throws, and what
     * it threw is thrown on unchanged (the sinks' outage policy tells transient failures by their type).
     */
    @Override
    public <T> T inOneTransaction(java.util.concurrent.Callable<T> step) throws Exception {
        try {
            return tx.execute(status -> {
                try {
                    return step.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new StepFailed(e);
                }
            });
        } catch (StepFailed e) {
            throw e.failure;
        }
    }

    /** Carries a step's checked exception through the transaction template. */
    private static final class StepFailed extends RuntimeException {
        private final Exception failure;

        StepFailed(Exception failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    @Override
    public IdempotentRepository forSink(String sink) {
        return new Store(sink);
    }

    private final class Store extends ServiceSupport implements IdempotentRepository {
        private final String sink;

        Store(String sink) {
            this.sink = sink;
        }

        @Override
        public boolean add(String key) {
            try {
                jdbc.update("INSERT INTO sink_delivered_key (sink, delivery_key, delivered_at) VALUES (?, ?, ?)", sink,
                        key, Timestamp.from(clock.instant()));
                return true;
            } catch (DuplicateKeyException e) {
                return false;
            }
        }

        @Override
        public boolean contains(String key) {
            Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM sink_delivered_key WHERE sink = ? AND delivery_key = ?",
                    Integer.class, sink, key);
            return n != null && n > 0;
        }

        @Override
        public boolean remove(String key) {
            return jdbc.update("DELETE FROM sink_delivered_key WHERE sink = ? AND delivery_key = ?", sink, key) > 0;
        }

        @Override
        public boolean confirm(String key) {
            return true;
        }

        @Override
        public void clear() {
            jdbc.update("DELETE FROM sink_delivered_key WHERE sink = ?", sink);
        }
    }
}
