package org.seamless.adapters.pds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.seamless.mappings.canonical.NhsNumber;

/**
 * Traces and verifies the records of one extract, a chunk at a time: a record with a number is read by it
 * (current: verified; superseded: replaced), a record without one is searched by its demographics (one exact
 * match: traced; none or several: held). Answers already stored for the file are used as they are (PDS is not
 * asked again), new ones are stored every {@value #SAVE_EVERY} answers, before they are returned, so a crash asks
 * PDS again about at most {@value #SAVE_EVERY} rows and never acts on two different answers for one row.
 */
public final class ExtractTracer {
    /** One row to trace: its line, and either its number or its demographics. */
    public record Request(long line, NhsNumber nhsNumber, Demographics demographics) {
        public Request {
            if ((nhsNumber == null) == (demographics == null)) {
                throw new IllegalArgumentException("a request has a number or demographics");
            }
        }
    }

    /**
     * Answers are stored at least this often: at PDS's 5 TPS that is every 10 s, so a crash costs at most that much
     * of the rate limit again.
     */
    public static final int SAVE_EVERY = 50;
    private final PdsClient pds;
    private final TraceStore store;
    private final ExecutorService requests;

    /** A tracer asking one request at a time. */
    public ExtractTracer(PdsClient pds, TraceStore store) {
        this(pds, store, null);
    }

    /**
     * A tracer asking up to the pool's size at once (the throttle still bounds the rate): PDS answers in tens to
     * hundreds of milliseconds, so one at a time would stay well below the limit.
     */
    public ExtractTracer(PdsClient pds, TraceStore store, ExecutorService requests) {
        this.pds = pds;
        this.store = store;
        this.requests = requests;
    }

    /** The answers for {@code chunk}, by line; throws {@link PdsUnavailableException} when PDS cannot answer. */
    public Map<Long, TraceStore.Traced> trace(String agencyId, String fileDigest, String fileName, List<Request> chunk) {
        Map<Long, TraceStore.Traced> out = new LinkedHashMap<>(store.lookup(agencyId, fileDigest,
                chunk.stream().map(Request::line).toList()));
        List<Request> missing = chunk.stream().filter(r -> !out.containsKey(r.line())).toList();
        for (int from = 0; from < missing.size(); from += SAVE_EVERY) {
            List<Request> batch = missing.subList(from, Math.min(missing.size(), from + SAVE_EVERY));
            List<TraceStore.Traced> answered = new ArrayList<>(batch.size());
            RuntimeException failure = askAll(batch, answered);
            // why: what PDS already answered is kept even when another request of the batch failed
            if (!answered.isEmpty()) {
                store.save(agencyId, fileDigest, fileName, answered);
                answered.forEach(t -> out.put(t.line(), t));
            }
            if (failure != null) {
                throw failure;
            }
        }
        return out;
    }

    /** Asks about each request (on the pool when there is one); returns the first failure, after the rest ended. */
    private RuntimeException askAll(List<Request> batch, List<TraceStore.Traced> answered) {
        if (requests == null) {
            for (Request r : batch) {
                try {
                    answered.add(ask(r));
                } catch (RuntimeException e) {
                    return e;
                }
            }
            return null;
        }
        List<Future<TraceStore.Traced>> futures = batch.stream().map(r -> requests.submit(() -> ask(r))).toList();
        RuntimeException failure = null;
        for (Future<TraceStore.Traced> f : futures) {
            try {
                answered.add(f.get());
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re
                            : new PdsUnavailableException(0, "PDS request failed", e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(x -> x.cancel(true));
                return new PdsUnavailableException(0, "interrupted while waiting for PDS", e);
            }
        }
        return failure;
    }

    private TraceStore.Traced ask(Request r) {
        if (r.nhsNumber() != null) {
            PdsOutcome o = pds.read(r.nhsNumber());
            if (o instanceof PdsOutcome.Matched) {
                return new TraceStore.Traced(r.line(), TraceStore.Outcome.VERIFIED, null);
            } else if (o instanceof PdsOutcome.Superseded s) {
                return new TraceStore.Traced(r.line(), TraceStore.Outcome.SUPERSEDED, s.replacement());
            } else if (o instanceof PdsOutcome.NotFound) {
                return new TraceStore.Traced(r.line(), TraceStore.Outcome.NOT_FOUND, null);
            }
            throw new IllegalStateException("a read answered " + o.getClass().getSimpleName());
        }
        PdsOutcome o = pds.search(r.demographics());
        if (o instanceof PdsOutcome.Matched m) {
            return new TraceStore.Traced(r.line(), TraceStore.Outcome.TRACED, m.nhsNumber());
        } else if (o instanceof PdsOutcome.MultipleMatches) {
            return new TraceStore.Traced(r.line(), TraceStore.Outcome.MULTIPLE_MATCHES, null);
        } else if (o instanceof PdsOutcome.NoMatch) {
            return new TraceStore.Traced(r.line(), TraceStore.Outcome.NO_MATCH, null);
        }
        throw new IllegalStateException("a search answered " + o.getClass().getSimpleName());
    }
}
