package org.seamless.ops.reliability;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Remembers why each message last failed at a sink (table {@code delivery_failure}), so the
 * operator's dead-letter view can say why a message was parked. Recorded outside the failed
 * transaction: the rollback that triggers the broker's redelivery must not erase the reason.
 */
@Component
public class DeliveryFailures {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public DeliveryFailures(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The last failure of a message at an agency's sink: attempts and reason. */
    public record Failure(int attempts, String reason, java.time.Instant at) {
    }

    public Optional<Failure> last(String messageId, String agencyId) {
        return jdbc.query("SELECT attempts, last_reason, last_failed_at FROM delivery_failure"
                        + " WHERE message_id = ? AND agency_id = ?",
                (rs, i) -> new Failure(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant()),
                messageId, agencyId).stream().findFirst();
    }

    void record(String messageId, String agencyId, Throwable failure) {
        record(messageId, agencyId, reasonOf(failure));
    }

    /** A failure with a reason already in words (no message values). */
    void record(String messageId, String agencyId, String reason) {
        Timestamp now = Timestamp.from(clock.instant());
        try {
            int updated = jdbc.update("UPDATE delivery_failure SET attempts = attempts + 1, last_reason = ?,"
                    + " last_failed_at = ? WHERE message_id = ? AND agency_id = ?", reason, now, messageId, agencyId);
            if (updated == 0) {
                jdbc.update("INSERT INTO delivery_failure (message_id, agency_id, attempts, last_reason, last_failed_at)"
                        + " VALUES (?, ?, 1, ?, ?)", messageId, agencyId, reason, now);
            }
        } catch (DataAccessException e) {
            // a concurrent first insert for the same key, or the database is down: the broker still retries
        }
    }

    /** The exception's type and message (sink exceptions carry no message values), at most 1000 characters. */
    static String reasonOf(Throwable t) {
        String text = t.getClass().getSimpleName() + ": " + t.getMessage();
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    /** A route policy recording each failed exchange of an agency's sink. */
    RoutePolicySupport policyFor(String agencyId) {
        return new RoutePolicySupport() {
            @Override
            public void onExchangeDone(Route route, Exchange exchange) {
                Throwable failure = exchange.getException();
                if (failure == null) {
                    failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
                }
                String messageId = exchange.getMessage().getHeader(BrokerHeaders.MESSAGE_ID, String.class);
                if (failure != null && exchange.isFailed() && messageId != null) {
                    record(messageId, agencyId, failure);
                }
            }
        };
    }
}
