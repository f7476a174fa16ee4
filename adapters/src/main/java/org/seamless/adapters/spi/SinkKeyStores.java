package org.seamless.adapters.spi;

import org.apache.camel.spi.IdempotentRepository;

/**
 * Where a sink keeps the keys it has delivered, shared by every process that runs the same sink
 * (the runtime's database; ADR 0054), so a message redelivered to another instance is recognised.
 */
@FunctionalInterface
public interface SinkKeyStores {
    /** The store of the sink named {@code sink} (e.g. {@code <agency>:csv-sink}). */
    IdempotentRepository forSink(String sink);
}
