package org.seamless.testsupport.pds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.pds.Demographics;
import org.seamless.adapters.pds.ExtractTracer;
import org.seamless.adapters.pds.PdsClient;
import org.seamless.adapters.pds.PdsSettings;
import org.seamless.adapters.pds.PdsUnavailableException;
import org.seamless.adapters.pds.TraceStore;
import org.seamless.mappings.canonical.NhsNumber;

/** The tracer against the simulator: each outcome, stored answers reused, answers kept when PDS stops answering. */
class ExtractTracerTest {
    static final LocalDate DOB = LocalDate.of(2010, 10, 22);
    private final PdsSimulator pds = PdsSimulator.start()
            .add("9990000018", "Alpha", "Ann", "female", DOB, "LS1 1AA")
            .add("9990000026", "Beta", "Bea", "female", DOB, "LS1 1AA")
            .add("9990000034", "Beta", "Bea", "female", DOB, "LS1 1AA")
            .add("9990000042", "Gamma", "Gus", "male", DOB, "LS1 1AA")
            .add("9990000050", "Gamma", "Gus", "male", DOB, "LS1 1AA")
            .supersede("9990000042", "9990000050");
    private final MemoryStore store = new MemoryStore();
    private final ExtractTracer tracer = new ExtractTracer(new PdsClient(new PdsSettings(URI.create(pds.baseUrl()), null,
            1000, 10, Duration.ofSeconds(60), 0)), store);

    @AfterEach
    void stop() {
        pds.close();
    }

    @Test
    void eachOutcomeAndNothingAskedTwice() {
        List<ExtractTracer.Request> chunk = List.of(
                new ExtractTracer.Request(2, NhsNumber.parse("9990000018"), null),
                new ExtractTracer.Request(3, NhsNumber.parse("9990000042"), null),
                new ExtractTracer.Request(4, NhsNumber.parse("9990000069"), null),
                new ExtractTracer.Request(5, null, new Demographics("Alpha", "Ann", DOB, null, null)),
                new ExtractTracer.Request(6, null, new Demographics("Beta", "Bea", DOB, "female", "LS1 1AA")),
                new ExtractTracer.Request(7, null, new Demographics("Delta", null, DOB, null, null)));
        Map<Long, TraceStore.Traced> out = tracer.trace("la-1", "d1", "alerts-full-1.csv", chunk);
        assertThat(out.get(2L).outcome()).isEqualTo(TraceStore.Outcome.VERIFIED);
        assertThat(out.get(3L)).isEqualTo(new TraceStore.Traced(3, TraceStore.Outcome.SUPERSEDED, NhsNumber.parse("9990000050")));
        assertThat(out.get(4L).outcome()).isEqualTo(TraceStore.Outcome.NOT_FOUND);
        assertThat(out.get(5L)).isEqualTo(new TraceStore.Traced(5, TraceStore.Outcome.TRACED, NhsNumber.parse("9990000018")));
        assertThat(out.get(6L).outcome()).isEqualTo(TraceStore.Outcome.MULTIPLE_MATCHES);
        assertThat(out.get(7L).outcome()).isEqualTo(TraceStore.Outcome.NO_MATCH);
        assertThat(store.rows).hasSize(6);
        int asked = pds.reads() + pds.searches();

        assertThat(tracer.trace("la-1", "d1", "alerts-full-1.csv", chunk)).isEqualTo(out);
        assertThat(pds.reads() + pds.searches()).as("a re-run asks PDS nothing").isEqualTo(asked);
        tracer.trace("la-1", "d2", "alerts-full-2.csv", chunk.subList(0, 1));
        assertThat(pds.reads() + pds.searches()).as("another file is asked again").isEqualTo(asked + 1);
    }

    @Test
    void answersBeforeAFailureAreKeptAndSavedEveryFifty() {
        List<ExtractTracer.Request> chunk = new ArrayList<>();
        for (int i = 0; i < ExtractTracer.SAVE_EVERY + 10; i++) {
            chunk.add(new ExtractTracer.Request(i + 2, NhsNumber.parse("9990000018"), null));
        }
        tracer.trace("la-1", "d3", "f.csv", chunk.subList(0, ExtractTracer.SAVE_EVERY + 5));
        assertThat(store.saves).isEqualTo(2); // 50, then the last 5
        pds.requireToken("other"); // from now on every request is refused 401
        assertThatThrownBy(() -> tracer.trace("la-1", "d3", "f.csv", chunk)).isInstanceOf(PdsUnavailableException.class);
        assertThat(store.rows).hasSize(ExtractTracer.SAVE_EVERY + 5);
    }

    /** A store in memory, keeping the first answer per line. */
    static final class MemoryStore implements TraceStore {
        final Map<String, Traced> rows = new HashMap<>();
        int saves;

        @Override
        public Map<Long, Traced> lookup(String agencyId, String fileDigest, Collection<Long> lines) {
            Map<Long, Traced> out = new HashMap<>();
            lines.forEach(l -> {
                Traced t = rows.get(agencyId + "|" + fileDigest + "|" + l);
                if (t != null) {
                    out.put(l, t);
                }
            });
            return out;
        }

        @Override
        public void save(String agencyId, String fileDigest, String fileName, List<Traced> answers) {
            saves++;
            answers.forEach(t -> rows.putIfAbsent(agencyId + "|" + fileDigest + "|" + t.line(), t));
        }
    }
}
