package org.seamless.hub.d2a;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.registry.AgencyRegistryLoader;
import org.seamless.adapters.spi.AdapterTypes;
import org.seamless.hub.Leg;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.d2a.D2aAnswer;
import org.seamless.mappings.d2a.D2aCodes;
import org.seamless.mappings.d2a.D2aMessages;
import org.seamless.mappings.d2a.D2aStay;
import org.seamless.mappings.d2a.HomeCareNotice;
import org.seamless.mappings.d2a.TestD2a;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.vcs.VcsViews;
import org.seamless.privacy.identify.Subject;
import org.seamless.ops.replay.InboundMessages;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;

/**
 * Which legs home care suspend and resume derive (ADR 0063), on the real table (V119, H2) and the shipped
 * demo registry: a package the council recorded suspends on admission and resumes on the discharge of the
 * same stay, and a package recorded while the person is in hospital suspends that stay at once; no package,
 * another council's package, an ended or replaced package, an unregistered provider, another stay, or a
 * package recorded for a stay that is over derive nothing.
 */
class HomeCareSuspensionsTest {
    static final String CSV = "demo-la-csv";
    static final String SOAP = "demo-la-soap";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private JdbcTemplate jdbc;
    private HomeCareSuspensions homeCare;
    private AgencyRegistry registry;
    private InboundMessages inbound;

    @BeforeEach
    void setUp() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:home-care-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(ds);
        registry = demoRegistry();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        inbound = new InboundMessages(jdbc, clock, org.seamless.testsupport.TestAtRest.cipher(), null);
        homeCare = new HomeCareSuspensions(registry, new JdbcHomeCarePackages(jdbc), new HomeCareSuspensions.Refs() {
            @Override
            public String person(NhsNumber person) {
                return org.seamless.mappings.canonical.Digests.sha256Hex("test-key|" + person.value());
            }

            @Override
            public String stay(NhsNumber person, String trust, String spell) {
                return org.seamless.mappings.canonical.Digests.sha256Hex("test-key|" + person.value() + "|" + trust
                        + "|" + spell);
            }
        }, inbound, clock);
    }

    @Test
    void aRecordedPackageSuspendsOnAdmissionAndResumesOnTheDischargeOfThatStay() {
        List<D2aStay> stay = stay(1);
        recordInPlace(stay.get(0), CSV, 1);
        List<Leg> suspend = legs(stay.get(0), CSV);
        assertThat(suspend).singleElement().satisfies(l -> {
            assertThat(l.recipient().id()).isEqualTo("demo-homecare");
            assertThat(l.chainLeg().request().event()).isEqualTo(SeamlessEvent.HOME_CARE_SUSPEND);
            assertThat(l.chainLeg().request().source().id()).isEqualTo("demo-trust");
            assertThat(VcsViews.view(l.message()).orElseThrow().get("packageId").asText()).isEqualTo("PKG-1");
        });
        String suspendId = suspend.get(0).chainLeg().request().messageId();
        assertThat(inbound.find(suspendId)).as("kept for replay").hasSize(1);
        // a redelivered admission derives the same message
        assertThat(legs(stay.get(0), CSV).get(0).chainLeg().request().messageId()).isEqualTo(suspendId);
        // the events between derive nothing
        stay.subList(1, stay.size() - 1).forEach(e -> assertThat(legs(e, CSV)).isEmpty());

        List<Leg> resume = legs(stay.get(stay.size() - 1), CSV);
        assertThat(resume).singleElement().satisfies(l -> {
            assertThat(l.chainLeg().request().event()).isEqualTo(SeamlessEvent.HOME_CARE_RESUME);
            assertThat(VcsViews.view(l.message()).orElseThrow().get("visits").asText()).isEqualTo("resume");
        });
    }

    @Test
    void aDischargeElsewhereSaysVisitsStaySuspended() {
        List<D2aStay> stay = TestD2a.sequence(2, D2aCodes.Pathway.P3, nhs(2), "DEMO1", "LS1 4AP");
        recordInPlace(stay.get(0), CSV, 2);
        assertThat(legs(stay.get(0), CSV)).hasSize(1);
        assertThat(legs(stay.get(stay.size() - 1), CSV)).singleElement().satisfies(l -> assertThat(
                VcsViews.view(l.message()).orElseThrow().get("visits").asText()).isEqualTo("stay-suspended"));
    }

    @Test
    void nothingWithoutAPackageOrForAnotherCouncilsPackage() {
        List<D2aStay> stay = stay(3);
        assertThat(legs(stay.get(0), CSV)).isEmpty();
        recordInPlace(stay.get(0), SOAP, 3);
        assertThat(legs(stay.get(0), CSV)).as("the package is the other council's").isEmpty();
        assertThat(legs(stay.get(stay.size() - 1), CSV)).isEmpty();
    }

    @Test
    void anEndedOrReplacedPackageNoLongerSuspends() {
        List<D2aStay> stay = stay(4);
        recordInPlace(stay.get(0), CSV, 4);
        Bundle ended = D2aMessages.build(TestD2a.answer(SeamlessEvent.D2A_CARE_IN_PLACE, stay.get(0), CSV, 40));
        MessageBundles.first(ended, EpisodeOfCare.class).orElseThrow().setStatus(EpisodeOfCare.EpisodeOfCareStatus.FINISHED);
        homeCare.answer(org.seamless.mappings.d2a.D2aFields.answer(ended), ended, registry.get(CSV));
        assertThat(legs(stay.get(0), CSV)).isEmpty();

        recordInPlace(stay.get(0), CSV, 41);
        assertThat(legs(stay.get(0), CSV)).hasSize(1);
        D2aAnswer a = TestD2a.answer(SeamlessEvent.D2A_CARE_IN_PLACE, stay.get(0), CSV, 42);
        D2aAnswer reablement = new D2aAnswer(a.messageId(), a.event(), a.sentAt(), a.councilAgencyId(), a.inReplyTo(),
                a.nhsNumber(), a.hospitalOdsCode(), a.spellId(), a.referralId(), null, null, null, a.packageId(),
                D2aCodes.PackageType.REABLEMENT, a.providerAgencyId(), null, a.providerName(), null, null, null, null);
        homeCare.answer(reablement, D2aMessages.build(reablement), registry.get(CSV));
        assertThat(legs(stay.get(0), CSV)).as("replaced by a package that is not home care").isEmpty();
    }

    @Test
    void aProviderThatIsNotARegisteredProviderAgencyIsNotTold() {
        List<D2aStay> stay = stay(5);
        for (String provider : List.of("unregistered-provider", "demo-la-soap", "demo-trust")) {
            D2aAnswer a = TestD2a.answer(SeamlessEvent.D2A_CARE_IN_PLACE, stay.get(0), CSV, 5);
            D2aAnswer other = new D2aAnswer(a.messageId(), a.event(), a.sentAt(), a.councilAgencyId(), a.inReplyTo(),
                    a.nhsNumber(), a.hospitalOdsCode(), a.spellId(), a.referralId(), null, null, null, a.packageId(),
                    a.packageType(), provider, null, a.providerName(), null, null, null, null);
            homeCare.answer(other, D2aMessages.build(other), registry.get(CSV));
            assertThat(legs(stay.get(0), CSV)).as(provider).isEmpty();
        }
    }

    @Test
    void onlyTheStayWhoseAdmissionSuspendedResumes() {
        List<D2aStay> stay = stay(6);
        List<D2aStay> other = TestD2a.sequence(66, D2aCodes.Pathway.P1, nhs(6), "DEMO1", "LS1 4AP");
        recordInPlace(stay.get(0), CSV, 6);
        assertThat(legs(other.get(other.size() - 1), CSV)).as("no admission of this stay was seen").isEmpty();
        assertThat(legs(stay.get(0), CSV)).hasSize(1);
        assertThat(legs(other.get(other.size() - 1), CSV)).as("another spell").isEmpty();
        assertThat(legs(stay.get(stay.size() - 1), CSV)).hasSize(1);
    }

    @Test
    void aPackageRecordedForAnEarlierStayNeitherSuspendsNorResumesAStayAlreadyUnderWay() {
        List<D2aStay> earlier = TestD2a.sequence(77, D2aCodes.Pathway.P1, nhs(7), "DEMO1", "LS1 4AP");
        List<D2aStay> stay = stay(7);
        assertThat(legs(stay.get(0), CSV)).isEmpty();
        keep(earlier.get(earlier.size() - 1));
        assertThat(recordInPlace(earlier.get(earlier.size() - 1), CSV, 7)).as("answers a discharge").isEmpty();
        assertThat(legs(stay.get(stay.size() - 1), CSV)).isEmpty();
    }

    @Test
    void aPackageRecordedDuringTheStaySuspendsItAtOnceAndItsDischargeResumes() {
        List<D2aStay> stay = stay(9);
        keep(stay.get(1));
        assertThat(legs(stay.get(0), CSV)).isEmpty();
        List<Leg> suspend = recordInPlace(stay.get(1), CSV, 9); // the council answers the referral
        assertThat(suspend).singleElement().satisfies(l -> {
            assertThat(l.chainLeg().request().event()).isEqualTo(SeamlessEvent.HOME_CARE_SUSPEND);
            assertThat(l.chainLeg().request().source().id()).isEqualTo("demo-trust");
            assertThat(VcsViews.view(l.message()).orElseThrow().get("fromDate").asText())
                    .isEqualTo("2026-03-02T08:15:00Z");
        });
        assertThat(recordInPlace(stay.get(1), CSV, 9)).as("already suspended").isEmpty();
        assertThat(legs(stay.get(stay.size() - 1), CSV)).singleElement().satisfies(l ->
                assertThat(l.chainLeg().request().event()).isEqualTo(SeamlessEvent.HOME_CARE_RESUME));
    }

    @Test
    void aPackageRecordedAfterTheStayEndedSuspendsNothing() {
        List<D2aStay> stay = stay(10);
        keep(stay.get(1));
        jdbc.update("INSERT INTO d2a_stay_clock (stay_ref, trust_agency, council_agency, pathway, discharged_on,"
                + " care_arranged, cancelled, last_message_id, updated_at) VALUES (?, 'demo-trust', ?, '1', DATE '2026-03-10',"
                + " FALSE, FALSE, 'x', CURRENT_TIMESTAMP)", stayRef(stay.get(1)), CSV);
        assertThat(recordInPlace(stay.get(1), CSV, 10)).isEmpty();
    }

    @Test
    void theTableHoldsNothingIdentifying() {
        List<D2aStay> stay = stay(8);
        recordInPlace(stay.get(0), CSV, 8);
        legs(stay.get(0), CSV);
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM d2a_home_care_package");
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("SUSPENDED_STAY_REF")).isNotNull();
            assertThat(row.toString()).doesNotContain(nhs(8), "Testperson", "SPELL-", "LS1 4AP", "12 Example Road");
        });
    }

    // --- helpers -------------------------------------------------------------------------------

    private static String nhs(long seed) {
        return TestNhsNumbers.distinct(7000 + seed, 1).get(0).value();
    }

    private static List<D2aStay> stay(long seed) {
        return TestD2a.sequence(seed, D2aCodes.Pathway.P1, nhs(seed), "DEMO1", "LS1 4AP");
    }

    /** The council's care-in-place answer to {@code to}: records the package, and returns what it derives at once. */
    private List<Leg> recordInPlace(D2aStay to, String council, long seed) {
        D2aAnswer a = TestD2a.answer(SeamlessEvent.D2A_CARE_IN_PLACE, to, council, seed);
        homeCare.answer(a, D2aMessages.build(a), registry.get(council));
        return homeCare.duringStay(a, registry.get(council), registry.get("demo-trust"),
                Subject.identified(a.nhsNumber()), 0);
    }

    /** The trust event as the intake keeps it. */
    private void keep(D2aStay event) {
        inbound.keep("demo-trust", event.messageId(), event.event().code(), D2aMessages.buildJson(event));
    }

    private static String stayRef(D2aStay s) {
        return org.seamless.mappings.canonical.Digests.sha256Hex("test-key|" + s.nhsNumber().value() + "|demo-trust|"
                + s.spellId());
    }

    private List<Leg> legs(D2aStay event, String council) {
        AgencyConfig trust = registry.get("demo-trust");
        return homeCare.legs(event, trust, List.of(registry.get(council)), Subject.identified(event.nhsNumber()), 0);
    }

    static AgencyRegistry demoRegistry() throws Exception {
        MockEnvironment env = new MockEnvironment().withProperty("server.port", "8080")
                .withProperty("seamless.data-dir", "/srv/seamless")
                .withProperty("seamless.demo.demo-charity.webhook-secret", "generated-at-first-start")
                .withProperty("seamless.demo.demo-carers-centre.webhook-secret", "generated-at-first-start")
                .withProperty("seamless.demo.demo-homecare.webhook-secret", "generated-at-first-start");
        try (InputStream in = HomeCareSuspensionsTest.class.getResourceAsStream("/config/agencies.yml")) {
            return new AgencyRegistryLoader(AdapterTypes.discover(), env::resolveRequiredPlaceholders)
                    .load(in, "config/agencies.yml");
        }
    }
}
