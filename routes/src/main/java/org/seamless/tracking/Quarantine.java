package org.seamless.tracking;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Stores rejected input in the {@code quarantine} table and logs only its reference and reason code. */
@Component
public class Quarantine implements RejectedInputStore {
    private static final Logger log = LoggerFactory.getLogger(Quarantine.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public Quarantine(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String keep(Rejection r) {
        String id = UUID.randomUUID().toString();
        jdbc.update("""
                INSERT INTO quarantine (id, received_at, source_agency, edge, reason_code, reason, message_id,
                  content_type, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id, Timestamp.from(clock.instant()), r.sourceAgency(), r.edge(), r.reasonCode(),
                truncate(r.reason()), r.messageId(), r.contentType(), r.payload());
        log.warn("rejected input kept as {} (edge {}, agency {}, reason {})", id, r.edge(), r.sourceAgency(),
                r.reasonCode());
        return id;
    }

    /** Keeps a message the hub could not route; the exception message carries no personal values. */
    public void keepHubRejection(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String body = exchange.getMessage().getBody(String.class);
        String source = exchange.getFromRouteId() == null ? null
                : exchange.getFromRouteId().replaceFirst("^hub-inbound-", "");
        String code = cause instanceof org.seamless.privacy.identify.IdentificationException ie ? ie.code()
                : cause == null ? "unknown" : cause.getClass().getSimpleName();
        keep(new Rejection(source, "hub", code, cause == null ? "unknown" : String.valueOf(cause.getMessage()),
                exchange.getMessage().getHeader(BrokerHeaders.MESSAGE_ID, String.class), "application/fhir+json",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String truncate(String s) {
        return s == null ? "" : s.length() > 4000 ? s.substring(0, 4000) : s;
    }
}
