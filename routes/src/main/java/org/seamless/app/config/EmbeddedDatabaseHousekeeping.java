package org.seamless.app.config;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The embedded database's housekeeping, which H2 itself does not do with {@code WRITE_DELAY=0}.
 *
 * <p>H2 writes every commit as a new chunk of its file. Its background writer thread later rewrites
 * the few live pages of old, mostly dead chunks, so that those chunks can be freed and their space
 * reused. {@code WRITE_DELAY=0} (ADR 0028: a commit is in the file before the commit returns) also
 * stops that thread, so nothing rewrites them: the file keeps one chunk for nearly every commit it
 * has made, grows far beyond its data, and every commit rewrites a chunk list that keeps growing
 * (ADR 0095). This job does the background writer's rewriting on a schedule, with H2's own
 * {@link MVStore#compact(int, int)}: pages rewritten are copies of committed data, written by the
 * next commit; a chunk is freed only once nothing refers to it and H2's retention time has passed.
 *
 * <p>Inert (and stops asking) when the database is not an embedded H2 file opened by this process:
 * PostgreSQL, H2 in memory, a client of another process's H2 (AUTO_SERVER), or an H2 whose own
 * background writer runs ({@code WRITE_DELAY} above 0).
 */
@Component
public class EmbeddedDatabaseHousekeeping {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseHousekeeping.class);
    static final String FILE_BYTES = "seamless.database.embedded.file";
    static final String LIVE_RATIO = "seamless.database.embedded.chunks.live";
    /** Chunks are rewritten while less than this share of the file's chunk space is live (H2's own figure when busy). */
    static final int TARGET_FILL_RATE = 81;

    private final DataSource dataSource;
    private final int rewriteBytes;
    private volatile boolean applies = true;
    private final FailureSpell failures = new FailureSpell(log, "embedded database housekeeping");
    private volatile double fileBytes = Double.NaN;
    private volatile double liveRatio = Double.NaN;
    private final MeterRegistry registry;
    private boolean gaugesRegistered;

    @Autowired
    public EmbeddedDatabaseHousekeeping(DataSource dataSource,
            @Value("${seamless.database.h2-housekeeping-rewrite-bytes:1048576}") int rewriteBytes,
            ObjectProvider<MeterRegistry> registry) {
        this(dataSource, rewriteBytes, registry.getIfAvailable());
    }

    /** Outside Spring (tests, benchmarks); {@code registry} may be null. */
    public EmbeddedDatabaseHousekeeping(DataSource dataSource, int rewriteBytes, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.rewriteBytes = rewriteBytes;
        this.registry = registry;
    }

    /** Once the database is found to be an embedded file: its size and live share, so an operator sees bloat. */
    private synchronized void registerGauges() {
        if (registry == null || gaugesRegistered) {
            return;
        }
        gaugesRegistered = true;
        Gauge.builder(FILE_BYTES, this, h -> h.fileBytes).baseUnit("bytes")
                .description("size of the embedded database file (embedded H2 only)").register(registry);
        Gauge.builder(LIVE_RATIO, this, h -> h.liveRatio).baseUnit("ratio")
                .description("share of the embedded database file's chunk space that is live data (embedded H2 only)")
                .register(registry);
    }

    // why no retry of its own: the next interval tries again; a failed rewrite leaves the old chunks in use, nothing is lost
    @Scheduled(initialDelayString = "${seamless.database.h2-housekeeping-interval:PT1S}",
            fixedDelayString = "${seamless.database.h2-housekeeping-interval:PT1S}")
    public void scheduled() {
        failures.attempt(this::run);
    }

    /** One round: rewrites up to the configured bytes of live pages from the sparsest old chunks. */
    public boolean run() throws SQLException {
        if (!applies) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = embeddedFileStore(connection);
            if (store == null) {
                applies = false;
                log.info("embedded database housekeeping not needed here (not an embedded H2 file with WRITE_DELAY=0)");
                return false;
            }
            boolean rewritten = store.compact(TARGET_FILL_RATE, rewriteBytes);
            fileBytes = store.getFileStore().size();
            liveRatio = store.getFileStore().getChunksFillRate() / 100.0;
            registerGauges();
            return rewritten;
        }
    }

    /** Whether the last round found a database it looks after. */
    public boolean applies() {
        return applies;
    }

    static MVStore embeddedFileStore(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)) {
            return null;
        }
        if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null;
        }
        var store = session.getDatabase().getStore();
        if (store == null || store.getMvStore().getFileStore() == null
                || store.getMvStore().getAutoCommitDelay() > 0) {
            return null;
        }
        return store.getMvStore();
    }
}
