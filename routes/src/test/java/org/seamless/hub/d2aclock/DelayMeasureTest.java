package org.seamless.hub.d2aclock;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.d2a.D2aCodes;
import org.seamless.mappings.d2a.D2aStay;
import org.seamless.mappings.d2a.TestD2a;
import org.seamless.mappings.testdata.TestNhsNumbers;

/**
 * The delay measure over a generated month of discharge to assess events equals an independent
 * computation from the generator's own ground truth: stays of two trusts and three councils on all four
 * pathways, Discharge Ready Dates set, moved and missing, pathways changed, discharges on, before and
 * after the ready date (some around midnight across the change to summer time), stays still in hospital,
 * events of different stays interleaved.
 */
class DelayMeasureTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final List<String> TRUSTS = List.of("trust-a", "trust-b");
    private static final List<String> COUNCILS = List.of("la-1", "la-2", "la-3");

    /** What the generator knows about a stay, independent of the code under test. */
    private record Truth(String trust, String council, String pathway, LocalDate ready, LocalDate dischargedOn) {
    }

    @Test
    void weeklyMeasureAndMetricEqualAnIndependentComputationOverAGeneratedMonth() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            check(seed, 1500);
        }
    }

    private void check(long seed, int stays) throws Exception {
        Random random = new Random(seed);
        List<NhsNumber> people = TestNhsNumbers.distinct(seed, stays);
        List<List<D2aStay>> sequences = new ArrayList<>();
        List<Truth> truths = new ArrayList<>();
        Map<String, String> trustOf = new HashMap<>();
        for (int i = 0; i < stays; i++) {
            String trust = TRUSTS.get(random.nextInt(TRUSTS.size()));
            String council = COUNCILS.get(random.nextInt(COUNCILS.size()));
            LocalDate admitted = LocalDate.of(2026, 3, 1).plusDays(random.nextInt(31));
            List<D2aStay> events = new ArrayList<>();
            D2aStay.Builder b = D2aStay.builder();
            b.messageId = TestD2a.id(seed * 100_000 + i, "admission");
            b.event = SeamlessEvent.D2A_ADMISSION;
            b.sentAt = admitted.atStartOfDay(LONDON).toInstant();
            b.nhsNumber = people.get(i);
            b.spellId = "S" + i;
            b.admittedAt = admitted.atTime(10, 0).atOffset(ZoneOffset.UTC);
            b.hospitalOdsCode = "RR8";
            b.ward = "Ward 1";
            D2aStay current = b.build();
            events.add(current);
            D2aCodes.Pathway pathway = D2aCodes.Pathway.values()[random.nextInt(4)];
            b = current.toBuilder().next(TestD2a.id(seed * 100_000 + i, "referral"), SeamlessEvent.D2A_REFERRAL,
                    current.sentAt().plusSeconds(3600));
            b.referralId = "R" + i;
            b.pathway = pathway;
            events.add(current = b.build());
            LocalDate ready = null;
            if (random.nextInt(10) < 8) {
                ready = admitted.plusDays(1 + random.nextInt(6));
                b = current.toBuilder().next(TestD2a.id(seed * 100_000 + i, "ready-1"),
                        SeamlessEvent.D2A_DISCHARGE_READY_DATE, current.sentAt().plusSeconds(7200));
                b.dischargeReadyDate = ready;
                events.add(current = b.build());
                if (random.nextInt(10) < 3) {
                    ready = ready.plusDays(random.nextInt(5) - 2);
                    b = current.toBuilder().next(TestD2a.id(seed * 100_000 + i, "ready-2"),
                            SeamlessEvent.D2A_DISCHARGE_READY_DATE, current.sentAt().plusSeconds(7200));
                    b.dischargeReadyDate = ready;
                    events.add(current = b.build());
                }
            }
            if (random.nextInt(10) < 2) {
                pathway = D2aCodes.Pathway.values()[random.nextInt(4)];
                b = current.toBuilder().next(TestD2a.id(seed * 100_000 + i, "pathway"), SeamlessEvent.D2A_PATHWAY_CHANGED,
                        current.sentAt().plusSeconds(60));
                b.pathway = pathway;
                events.add(current = b.build());
            }
            LocalDate dischargedOn = null;
            if (random.nextInt(10) < 9) {
                LocalDate base = ready != null ? ready : admitted.plusDays(2);
                int delay = random.nextInt(10) == 0 ? -1 : random.nextInt(3) == 0 ? 0 : random.nextInt(12);
                dischargedOn = base.plusDays(delay);
                // a time near midnight, in London: the UTC date may differ from the date that counts
                OffsetDateTime at = dischargedOn.atTime(random.nextBoolean() ? 0 : 23, random.nextInt(60))
                        .atZone(LONDON).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
                b = current.toBuilder().next(TestD2a.id(seed * 100_000 + i, "discharged"), SeamlessEvent.D2A_DISCHARGED,
                        current.sentAt().plusSeconds(9000));
                b.dischargedAt = at;
                b.dischargeDestination = "19";
                events.add(b.build());
            }
            sequences.add(events);
            truths.add(new Truth(trust, council, pathway.code(), ready, dischargedOn));
            trustOf.put("S" + i, trust);
        }

        InMemoryStayClockStore store = new InMemoryStayClockStore();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        StayClocks clocks = new StayClocks(store, k -> k.trustAgency() + "|" + k.spellId(), meters,
                Clock.fixed(Instant.parse("2026-04-10T00:00:00Z"), ZoneOffset.UTC));
        // interleave the stays' events, each stay's own in order; every event goes through twice (redelivery)
        int[] next = new int[stays];
        int remaining = sequences.stream().mapToInt(List::size).sum();
        while (remaining > 0) {
            int s = random.nextInt(stays);
            if (next[s] < sequences.get(s).size()) {
                D2aStay e = sequences.get(s).get(next[s]++);
                Truth t = truths.get(s);
                clocks.trustEvent(e, t.trust(), Optional.of(t.council()));
                clocks.trustEvent(e, t.trust(), Optional.of(t.council()));
                remaining--;
            }
        }

        // the weekly measure for every week touching March and early April
        for (LocalDate monday = DelayMeasure.weekStart(LocalDate.of(2026, 3, 1)); monday.isBefore(LocalDate.of(2026, 4, 20));
                monday = monday.plusWeeks(1)) {
            List<DelayMeasure.Row> rows = DelayMeasure.week(store.dischargedBetween(monday, monday.plusDays(7)), monday);
            assertThat(rows).as("seed %d week %s", seed, monday).isEqualTo(expected(truths, monday));
        }
        // the metric: per trust, council and pathway, count and total of the delays of the discharges with a ready date
        Map<String, long[]> expectedMetric = new TreeMap<>();
        for (Truth t : truths) {
            if (t.dischargedOn() != null && t.ready() != null) {
                long[] c = expectedMetric.computeIfAbsent(t.trust() + "/" + t.council() + "/" + t.pathway(), k -> new long[2]);
                c[0]++;
                c[1] += Math.max(0, t.dischargedOn().toEpochDay() - t.ready().toEpochDay());
            }
        }
        Map<String, long[]> actualMetric = new TreeMap<>();
        for (var meter : meters.find(StayClocks.METRIC).summaries()) {
            DistributionSummary ds = meter;
            actualMetric.put(ds.getId().getTag("trust") + "/" + ds.getId().getTag("council") + "/"
                    + ds.getId().getTag("pathway"), new long[] {ds.count(), (long) ds.totalAmount()});
        }
        assertThat(actualMetric.keySet()).isEqualTo(expectedMetric.keySet());
        expectedMetric.forEach((k, v) -> assertThat(actualMetric.get(k)).as(k).containsExactly(v));
    }

    /** The measure computed straight from the generator's truth, without the code under test. */
    private static List<DelayMeasure.Row> expected(List<Truth> truths, LocalDate monday) {
        Map<List<String>, List<Truth>> cells = new TreeMap<>((a, b) -> String.join("/", a).compareTo(String.join("/", b)));
        for (Truth t : truths) {
            if (t.dischargedOn() != null && !t.dischargedOn().isBefore(monday) && t.dischargedOn().isBefore(monday.plusDays(7))) {
                cells.computeIfAbsent(List.of(t.trust(), t.council(), t.pathway()), k -> new ArrayList<>()).add(t);
            }
        }
        List<DelayMeasure.Row> rows = new ArrayList<>();
        cells.forEach((k, ts) -> {
            long[] delays = ts.stream().filter(t -> t.ready() != null)
                    .mapToLong(t -> Math.max(0, t.dischargedOn().toEpochDay() - t.ready().toEpochDay())).toArray();
            rows.add(new DelayMeasure.Row(monday, k.get(0), k.get(1), k.get(2), ts.size(), delays.length,
                    Arrays.stream(delays).filter(d -> d == 0).count(), Arrays.stream(delays).sum(),
                    Arrays.stream(delays).max().orElse(0)));
        });
        return rows;
    }

    @Test
    void weeklyCsvHasAHeaderAndOneRowPerCellWithTheDocumentedColumns() throws Exception {
        LocalDate monday = LocalDate.of(2026, 3, 9);
        List<StayRecord> stays = List.of(
                stay("a", "trust-a", "la-1", "1", LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 12)),
                stay("b", "trust-a", "la-1", "1", LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 10)),
                stay("c", "trust-a", "la-1", "1", null, LocalDate.of(2026, 3, 11)),
                stay("d", "trust-b", "la-2", "3", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 15)),
                stay("e", "trust-b", "la-2", "3", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 16)));
        StringWriter out = new StringWriter();
        DelayMeasure.writeCsv(DelayMeasure.week(stays, monday), out);
        assertThat(out.toString()).isEqualTo("""
                week_start,trust,council,pathway,discharges,with_ready_date,discharged_on_ready_date,total_delay_days,\
                mean_delay_days,max_delay_days
                2026-03-09,trust-a,la-1,1,3,2,1,3,1.50,3
                2026-03-09,trust-b,la-2,3,1,1,0,14,14.00,14
                """);
        assertThat(out.toString().lines()).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(10));
    }

    private static StayRecord stay(String ref, String trust, String council, String pathway, LocalDate ready,
                                   LocalDate out) {
        return new StayRecord(ref, trust, Optional.of(council), pathway, Optional.ofNullable(ready),
                Optional.ofNullable(out), false, false, "m-" + ref);
    }
}
