package org.seamless.hub.alerts;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The flag-pull buckets in table {@code flag_pull_bucket}: each take reads the agency's row under a
 * row lock ({@code SELECT ... FOR UPDATE}) and writes it back in one transaction, so pulls answered by
 * different hub instances at once draw from one bucket (ADR 0054).
 */
final class JdbcFlagPullBuckets implements FlagPullLimiter.Buckets {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    JdbcFlagPullBuckets(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public Optional<Duration> take(String agencyId, FlagPullProperties.Limit limit, Instant now) {
        try {
            return tx.execute(status -> takeLocked(agencyId, limit, now));
        } catch (DuplicateKeyException e) {
            // why: another instance made the agency's first row at the same moment; now it exists, lock it
            return tx.execute(status -> takeLocked(agencyId, limit, now));
        }
    }

    private Optional<Duration> takeLocked(String agencyId, FlagPullProperties.Limit limit, Instant now) {
        List<FlagPullLimiter.State> rows = jdbc.query("SELECT tokens, last_at FROM flag_pull_bucket WHERE agency_id = ?"
                + " FOR UPDATE", (rs, i) -> new FlagPullLimiter.State(rs.getDouble(1), rs.getTimestamp(2).toInstant()),
                agencyId);
        FlagPullLimiter.Step step = FlagPullLimiter.step(rows.isEmpty() ? null : rows.get(0), limit, now);
        Timestamp last = Timestamp.from(step.state().last());
        if (rows.isEmpty()) {
            jdbc.update("INSERT INTO flag_pull_bucket (agency_id, tokens, last_at) VALUES (?, ?, ?)", agencyId,
                    step.state().tokens(), last);
        } else {
            jdbc.update("UPDATE flag_pull_bucket SET tokens = ?, last_at = ? WHERE agency_id = ?", step.state().tokens(),
                    last, agencyId);
        }
        return step.retryIn();
    }
}
