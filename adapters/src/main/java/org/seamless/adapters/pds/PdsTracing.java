package org.seamless.adapters.pds;

import java.util.concurrent.ExecutorService;

/**
 * What the runtime gives an adapter that traces records with PDS: the shared client (one throttle for the whole
 * application: PDS's rate limit is per application), the store of answers and held records, and the pool requests
 * run on (null: one at a time).
 */
public record PdsTracing(PdsClient client, TraceStore store, ExecutorService requests) {
    public PdsTracing(PdsClient client, TraceStore store) {
        this(client, store, null);
    }

    public ExtractTracer tracer() {
        return new ExtractTracer(client, store, requests);
    }
}
