package org.seamless.app.cluster;

import java.sql.Timestamp;
import java.time.Clock;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.seamless.adapters.spi.SinkKeyStores;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Sinks' delivered keys in table {@code sink_delivered_key}, one store per sink name, shared by every
 * instance running the sink against this database (ADR 0054). {@code add} is an insert on the primary
 * key, so of two instances adding one key, one wins.
 */
@Component
public class JdbcSinkKeys implements SinkKeyStores {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public JdbcSinkKeys(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
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
