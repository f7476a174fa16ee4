package org.seamless.ops.console.ops;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Times on the operations pages, in UTC: {@code ${@consoleTime.format(instant)}} in a template. */
@Component("consoleTime")
public class ConsoleTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The instant as {@code 2026-12-05 23:10:22 UTC}; a dash when there is none. */
    public String format(Instant at) {
        return at == null ? "-" : FORMAT.format(at);
    }

    /** An epoch-millisecond time the same way; a dash for 0. */
    public String formatMillis(long epochMs) {
        return epochMs <= 0 ? "-" : FORMAT.format(Instant.ofEpochMilli(epochMs));
    }
}
