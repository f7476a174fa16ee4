package org.seamless.adapters.spi;

import org.apache.camel.Message;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.mappings.canonical.ScopedMessageIds;

/**
 * A sink's key for a released message: its source-scoped message id (ADR 0036), read from the
 * broker headers the hub set. Sinks use it for idempotency keys, file names, ITK tracking ids and
 * webhook event ids, never the bare message id, which is unique per sender only.
 */
public final class ReleaseKeys {

    private ReleaseKeys() {
    }

    public static String scopedId(Message released) {
        return ScopedMessageIds.of(released.getHeader(BrokerHeaders.SOURCE_AGENCY, String.class),
                released.getHeader(BrokerHeaders.MESSAGE_ID, String.class));
    }
}
