package org.seamless.hub.d2aclock;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.d2a.D2aCodes;
import org.seamless.mappings.d2a.D2aMessages;
import org.seamless.mappings.d2a.D2aStay;
import org.seamless.mappings.d2a.TestD2a;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.privacy.keys.DomainKeyStore;
import org.seamless.privacy.keys.Pseudonyms;

/**
 * The stay records fed by real discharge to assess bundles, as the hub intake hands them over: the trust's
 * sequence for a pathway 1 stay, then the council's care-arranged answer; the stay reference is keyed and
 * says nothing of the person or the spell.
 */
class StayClocksMessagesTest {
    @Test
    void aPathwaySequenceAndTheCouncilsAnswerMakeOneStayRecord(@TempDir Path dir) throws Exception {
        AgencyRegistry registry = demoRegistry();
        AgencyConfig trust = registry.get("demo-trust");
        AgencyConfig council = registry.get("demo-la-csv");
        InMemoryStayClockStore store = new InMemoryStayClockStore();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (DomainKeyStore keys = DomainKeyStore.create(dir.resolve("keys.p12"), "test-only".toCharArray())) {
            StayRefs refs = new StayRefs(new Pseudonyms(keys));
            StayClocks clocks = new StayClocks(store, k -> refs.of(k.person(), k.trustAgency(), k.spellId()), meters,
                    Clock.fixed(Instant.parse("2026-03-20T00:00:00Z"), ZoneOffset.UTC));
            List<D2aStay> sequence = TestD2a.sequence(41, D2aCodes.Pathway.P1, TestNhsNumbers.FIXED, "DEMO1", "LS1 1AA");
            D2aStay readyDateSet = null;
            for (D2aStay event : sequence) {
                if (event.event() == SeamlessEvent.D2A_DISCHARGED) {
                    // before the discharge: past the ready date, no care arranged
                    assertThat(store.overdue(LocalDate.of(2026, 3, 9))).hasSize(1);
                    clocks.observe(SeamlessEvent.D2A_CARE_ARRANGED, D2aMessages.build(TestD2a.answer(
                            SeamlessEvent.D2A_CARE_ARRANGED, readyDateSet, council.id(), 41)), council, List.of(trust));
                    assertThat(store.overdue(LocalDate.of(2026, 3, 9))).as("care arranged stops the clock").isEmpty();
                }
                if (event.event() == SeamlessEvent.D2A_DISCHARGE_READY_DATE) {
                    readyDateSet = event;
                }
                clocks.observe(event.event(), D2aMessages.build(event), trust, List.of(council));
            }
            assertThat(store.records).hasSize(1);
            StayRecord r = store.records.values().iterator().next();
            assertThat(r.trust()).isEqualTo("demo-trust");
            assertThat(r.council()).contains("demo-la-csv");
            assertThat(r.pathway()).isEqualTo("1");
            assertThat(r.dischargeReadyDate()).contains(LocalDate.of(2026, 3, 8));
            assertThat(r.dischargedOn()).contains(LocalDate.of(2026, 3, 10));
            assertThat(r.careArranged()).isTrue();
            assertThat(r.delayDays()).contains(2L);
            assertThat(r.stayRef()).matches("[0-9a-f]{64}").doesNotContain(TestNhsNumbers.FIXED)
                    .isNotEqualTo(StayRefs.digest("|demo-trust|SPELL-41"));
            assertThat(meters.get(StayClocks.METRIC).tags("trust", "demo-trust", "council", "demo-la-csv", "pathway", "1")
                    .summary().totalAmount()).isEqualTo(2.0);
        }
    }

    private static AgencyRegistry demoRegistry() throws Exception {
        var env = new org.springframework.mock.env.MockEnvironment().withProperty("server.port", "8080")
                .withProperty("seamless.data-dir", "/srv/seamless")
                .withProperty("seamless.demo.demo-charity.webhook-secret", "generated-at-first-start")
                .withProperty("seamless.demo.demo-carers-centre.webhook-secret", "generated-at-first-start")
                .withProperty("seamless.demo.demo-homecare.webhook-secret", "generated-at-first-start");
        try (InputStream in = StayClocksMessagesTest.class.getResourceAsStream("/config/agencies.yml")) {
            return new org.seamless.adapters.registry.AgencyRegistryLoader(
                    org.seamless.adapters.spi.AdapterTypes.discover(), env::resolveRequiredPlaceholders)
                    .load(in, "config/agencies.yml");
        }
    }
}
