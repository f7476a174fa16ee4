package org.seamless.hub.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.nhsfhir.NhsFhirAdapterType;
import org.seamless.adapters.registry.AdapterConfig;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.registry.BrokerAddresses;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.mappings.alert.AlertMessages;
import org.seamless.mappings.alert.AlertType;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.MessageIssue;
import org.seamless.privacy.PrivacyChain;
import org.seamless.privacy.consent.InMemoryConsentRegistry;
import org.seamless.privacy.decide.ConsentAwareDecisionEngine;
import org.seamless.privacy.decide.Outcome;
import org.seamless.privacy.decide.SharingRulesLoader;
import org.seamless.privacy.identify.SubjectIdentifier;
import org.seamless.privacy.record.DisclosureRecord;
import org.seamless.privacy.record.DisclosureRecorder;
import org.seamless.privacy.sensitivity.SensitivityPolicy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A pull with the shipped sharing rules and the real decision engine: a flag the decision withholds (here
 * labelled very restricted by the LA) is not returned and its withholding is recorded; released ones get
 * a decision and a release record; ended flags are not offered; a silent-read setting publishes nothing.
 */
class FlagPullsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
    private static final org.seamless.privacy.keys.FieldCipher CIPHER = org.seamless.testsupport.TestAtRest.cipher();
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
    private static final NhsNumber CHILD = NhsNumber.parse("9990000018");

    private JdbcTemplate jdbc;
    private HubAlertStore store;
    private final List<DisclosureRecord> decisions = new ArrayList<>();
    private final List<DisclosureRecord> releases = new ArrayList<>();
    private final List<Bundle> published = new ArrayList<>();
    private final AgencyConfig la = agency("la-1", AgencyKind.LOCAL_AUTHORITY, "la-csv", Map.of());
    private final AgencyConfig ed = agency("trust-1", AgencyKind.NHS_TRUST, NhsFhirAdapterType.NAME,
            Map.of(NhsFhirAdapterType.ENDPOINT, "http://x", NhsFhirAdapterType.ALERT_SETTINGS, "ed|ED|false"));
    private final AgencyConfig clinic = agency("trust-2", AgencyKind.NHS_TRUST, NhsFhirAdapterType.NAME,
            Map.of(NhsFhirAdapterType.ENDPOINT, "http://x", NhsFhirAdapterType.ALERT_SETTINGS, "shs|SHS|true"));

    private static AgencyConfig agency(String id, AgencyKind kind, String type, Map<String, String> params) {
        return new AgencyConfig(id, id + " name", kind, id.toUpperCase(), Optional.empty(), new AdapterConfig(type, params),
                BrokerAddresses.conventional(id), List.of());
    }

    @BeforeEach
    void setUp() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:pulls-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(ds);
        store = new HubAlertStore(jdbc, new TransactionTemplate(new DataSourceTransactionManager(ds)), CLOCK, CIPHER);
    }

    private FlagPulls pulls() throws Exception {
        try (InputStream rules = getClass().getResourceAsStream("/config/sharing-rules.yml")) {
            var engine = new ConsentAwareDecisionEngine(SharingRulesLoader.load(rules, "sharing-rules.yml"),
                    new InMemoryConsentRegistry(), SensitivityPolicy.defaults(),
                    new org.seamless.privacy.decide.ConsentAuthority("test", List.of(), java.util.Set.of(),
                            id -> java.util.Optional.empty()));
            var chain = new PrivacyChain(new SubjectIdentifier(), engine, List.of(), new DisclosureRecorder() {
                @Override
                public void record(DisclosureRecord r) {
                    decisions.add(r);
                }

                @Override
                public void released(DisclosureRecord r) {
                    releases.add(r);
                }
            }, CLOCK);
            InboundGate gate = new InboundGate() {
                @Override
                public Admission admit(Submission s) {
                    published.add(s.message());
                    return new Accepted(MessageBundles.messageId(s.message()).orElseThrow(), false);
                }

                @Override
                public List<MessageIssue> check(Submission s) {
                    return List.of();
                }
            };
            OperatorAlerts alerts = new OperatorAlerts(jdbc, CLOCK);
            return new FlagPulls(store, chain, new AgencyRegistry(List.of(la, ed, clinic)), gate, new AlertAccessLog(jdbc, CIPHER),
                    alerts, new FlagPullWatch(FlagPullWatchTest.props(1000, 1000), alerts, CLOCK), CLOCK,
                    ZoneId.of("Europe/London"));
        }
    }

    private void stored(String alertId, AlertType type, LocalDate end, boolean veryRestricted) {
        SocialCareAlert a = new SocialCareAlert("la-1", "LA-1", "LA", alertId, CHILD, type, TODAY.minusDays(30), end,
                null, false, null, null);
        Bundle m = AlertMessages.message(a, SeamlessEvent.ALERT_START, java.util.UUID.randomUUID().toString(),
                CLOCK.instant(), TODAY.minusDays(1));
        if (veryRestricted) {
            AlertMessages.flag(m).orElseThrow().getMeta()
                    .addSecurity("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "V", "very restricted");
        }
        store.apply(m, "la-1");
    }

    @Test
    void withheldFlagIsNotReturnedAndItsWithholdingIsRecorded() throws Exception {
        stored("CP1", AlertType.CHILD_PROTECTION_PLAN, null, false);
        stored("SECRET", AlertType.LOOKED_AFTER_CHILD, null, true);
        stored("OLD", AlertType.CARER, TODAY.minusDays(1), false); // ended yesterday: not offered

        List<Flag> flags = pulls().pull(ed, CHILD);

        assertThat(flags).singleElement().satisfies(f ->
                assertThat(f.getIdentifierFirstRep().getValue()).isEqualTo("la-1/CP1"));
        assertThat(decisions).hasSize(2);
        assertThat(decisions).filteredOn(d -> d.decision().outcome() == Outcome.WITHHOLD).singleElement()
                .satisfies(d -> {
                    assertThat(d.request().recipient().id()).isEqualTo("trust-1");
                    assertThat(d.request().messageId()).startsWith("pull-");
                    assertThat(d.dataClasses()).isEmpty();
                });
        assertThat(releases).singleElement().satisfies(r -> {
            assertThat(r.decision().ruleId()).isEqualTo("alert-start");
            assertThat(r.decision().legalBasis()).contains("Children Act 2004 s11");
            assertThat(r.dataClasses()).contains("Flag", "Patient");
            assertThat(r.request().source().id()).isEqualTo("la-1");
        });
        // the notification names only what was returned
        assertThat(published).singleElement().satisfies(m -> {
            assertThat(MessageBundles.event(m)).contains(SeamlessEvent.ALERT_ACCESS);
            assertThat(MessageBundles.toJson(m)).contains("la-1/CP1").doesNotContain("SECRET");
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alert_access WHERE notified = TRUE", Long.class)).isEqualTo(1);
    }

    @Test
    void eachPullIsItsOwnDisclosureAndSilentReadPublishesNothing() throws Exception {
        stored("CP1", AlertType.CHILD_PROTECTION_PLAN, null, false);
        FlagPulls pulls = pulls();
        assertThat(pulls.pull(clinic, CHILD)).hasSize(1);
        assertThat(pulls.pull(clinic, CHILD)).hasSize(1);
        assertThat(published).isEmpty();
        assertThat(releases).extracting(r -> r.request().messageId()).doesNotHaveDuplicates().hasSize(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alert_access WHERE silent = TRUE AND notified = FALSE",
                Long.class)).isEqualTo(2);
        assertThat(new AlertAccessLog(jdbc, CIPHER).lastVisibleTo("la-1", CHILD.value(), 10)).isEmpty();
        assertThat(pulls.pull(ed, NhsNumber.parse("9990000026"))).isEmpty();
    }
}
