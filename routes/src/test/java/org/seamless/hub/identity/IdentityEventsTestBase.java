package org.seamless.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.seamless.hub.alerts.HubAlertStore;
import org.seamless.hub.d2aclock.StayRefs;
import org.seamless.mappings.alert.AlertMessages;
import org.seamless.mappings.alert.AlertType;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.d2a.D2aMessages;
import org.seamless.mappings.d2a.TestD2a;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.privacy.consent.ConsentRegistry;
import org.seamless.privacy.keys.DomainKeyStore;
import org.seamless.privacy.keys.Pseudonyms;
import org.seamless.privacy.ledger.LedgerVerifier;
import org.seamless.privacy.record.SubjectIndex;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.seamless.testsupport.mns.MnsSimulator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the identity event tests share: the MNS simulator aimed at the hub, and a person with an alert or a stay. */
abstract class IdentityEventsTestBase extends SeamlessTestBase {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final Instant T = Instant.parse("2026-12-06T09:00:00Z");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SubjectIndex index;
    @Autowired
    LedgerVerifier verifier;
    @Autowired
    ConsentRegistry consents;
    @Autowired
    HubAlertStore alerts;
    @Autowired
    DomainKeyStore keys;

    MnsSimulator mns;

    @BeforeEach
    void simulator() {
        mns = new MnsSimulator(URI.create("http://localhost:" + port + IdentityEventsController.PATH),
                ENV.identityEventsSecret(), Clock.systemUTC());
    }

    /** The csv council's active carer alert for the person. */
    void alert(NhsNumber person, String alertId) {
        SocialCareAlert a = new SocialCareAlert(TestEnvironment.LA_CSV, "TST02", "Test Council", alertId, person,
                AlertType.CARER, LocalDate.of(2026, 1, 1), null, null, false, null, null);
        alerts.apply(AlertMessages.message(a, SeamlessEvent.ALERT_START, "alert-" + alertId, T, LocalDate.of(2026, 12, 6)),
                TestEnvironment.LA_CSV);
    }

    /** A discharge to assess admission routed by residence; returns the stay's person reference once it is kept. */
    String pendingStay(long seed, NhsNumber person, String postcode) throws Exception {
        String json = D2aMessages.buildJson(TestD2a.admission(seed, person.value(), TestNotices.HOSPITAL_ODS, postcode));
        HttpResponse<String> r = postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String personRef = new StayRefs(new Pseudonyms(keys)).person(person);
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM d2a_stay_clock WHERE person_ref = ?",
                Integer.class, personRef) == 1);
        return personRef;
    }
}
