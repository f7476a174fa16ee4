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

    /**
     * Runs one delivery step of a sink, so that the key it adds to its store and what it records meanwhile
     * (the delivery journal's row) commit together or not at all, before the broker transaction commits:
     * the runtime's database transaction (ADR 0099). By default, as here, the step just runs.
     */
    default <T> T inOneTransaction(java.util.concurrent.Callable<T> step) throws Exception {
        return step.call();
    }
}
