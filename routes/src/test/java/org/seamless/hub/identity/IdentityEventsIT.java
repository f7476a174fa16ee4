package org.seamless.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.seamless.ledger.SubjectReports;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.Purpose;
import org.seamless.privacy.consent.RecipientScope;
import org.seamless.privacy.identify.Subject;
import org.seamless.privacy.ledger.LedgerQueries;
import org.seamless.testsupport.TestEnvironment;
import org.seamless.testsupport.mns.MnsSignal;
import org.springframework.beans.factory.annotation.Autowired;
import org.seamless.testsupport.SharedContext;

/**
 * Issue 20, identity events (ADR 0084): the MNS simulator publishes an NHS number change, a death and an address
 * change to the hub's subscriber; each test shows the event's effect and that the ledger still verifies.
 */
@SharedContext
class IdentityEventsIT extends IdentityEventsTestBase {

    @Autowired
    LedgerQueries ledger;
    @Autowired
    SubjectReports reports;

    @Test
    void anNhsNumberChangeReKeysConsentsAlertsAndTheSubjectIndexWithoutRewritingTheLedger() throws Exception {
        TestNotices.Notice notice = TestNotices.discharge(8401);
        NhsNumber old = notice.details().nhsNumber();
        NhsNumber next = TestNhsNumbers.distinct(8401, 3).stream().filter(n -> !n.equals(old)).findFirst().orElseThrow();
        assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", notice.json()).statusCode())
                .isEqualTo(200);
        await().atMost(WAIT).until(() -> kinds(notice.messageId()).contains("ACKNOWLEDGEMENT"));
        String consentRef = "consent-" + java.util.UUID.randomUUID();
        consents.record(new ConsentRecord(old, ConsentRecord.Kind.CONSENT, Purpose.REFERRAL,
                RecipientScope.agency(TestEnvironment.CHARITY), T, Optional.empty(), ConsentRecord.Status.ACTIVE,
                TestEnvironment.TRUST, consentRef, T));
        alert(old, "A8401");
        String oldIndex = index.indexOf(Subject.identified(old));
        String newIndex = index.indexOf(Subject.identified(next));
        List<Map<String, Object>> before = jdbc.queryForList("SELECT seq, subject_index, entry_hash FROM ledger_entry"
                + " WHERE message_id = ? ORDER BY seq", notice.messageId());

        MnsSignal change = MnsSignal.numberChange(old, next, Instant.now());
        HttpResponse<String> r = mns.publish(change);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);

        // consents and alert flags now answer under the new number, and no longer under the old
        assertThat(consents.history(next)).extracting(ConsentRecord::reference).containsExactly(consentRef);
        assertThat(consents.history(old)).isEmpty();
        assertThat(alerts.activeFor(old.value())).isEmpty();
        assertThat(alerts.activeFor(next.value())).singleElement().satisfies(s ->
                assertThat(MessageBundles.toJson(s.message())).contains(next.value()).doesNotContain(old.value()));
        // the ledger: the notice's entries untouched, one SUBJECT_LINK old -> new, and the person's report follows it
        assertThat(jdbc.queryForList("SELECT seq, subject_index, entry_hash FROM ledger_entry WHERE message_id = ?"
                + " ORDER BY seq", notice.messageId())).containsAll(before)
                .allSatisfy(row -> assertThat(row).containsEntry("subject_index", oldIndex));
        assertThat(jdbc.queryForMap("SELECT subject_index, linked_subject, outcome FROM ledger_entry WHERE entry_kind ="
                + " 'SUBJECT_LINK' AND message_id = ?", change.id()))
                .containsEntry("subject_index", newIndex).containsEntry("linked_subject", oldIndex)
                .containsEntry("outcome", "LINKED");
        assertThat(ledger.bySubject(newIndex)).extracting(e -> e.messageId()).contains(notice.messageId(), change.id());
        assertThat(reports.forNhsNumber(next.value()).orElseThrow().disclosures())
                .anySatisfy(l -> assertThat(l.messageId()).isEqualTo(notice.messageId()));
        assertThat(verifier.verify(List.of()).intact()).isTrue();

        // a repeat of the event is recognised and changes nothing
        HttpResponse<String> again = mns.publish(change);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE message_id = ?", Integer.class,
                change.id())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT state FROM identity_event WHERE event_id = ?", String.class, change.id()))
                .isEqualTo("DONE");
    }

    @Test
    void aDeathEndsActiveAlertsAndCancelsPendingDischargeStaysWithTheReasonRecorded() throws Exception {
        NhsNumber person = TestNhsNumbers.distinct(8402, 1).get(0);
        alert(person, "A8402");
        String personRef = pendingStay(8402, person, "LS1 4AP");

        MnsSignal death = MnsSignal.death(person, LocalDate.of(2026, 12, 5), Instant.now());
        HttpResponse<String> r = mns.publish(death);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);

        assertThat(alerts.activeFor(person.value())).isEmpty();
        assertThat(jdbc.queryForMap("SELECT active, end_date FROM alert_flag WHERE flag_identifier = ?",
                TestEnvironment.LA_CSV + "/A8402")).containsEntry("active", false).containsEntry("end_date", "2026-12-05");
        assertThat(jdbc.queryForMap("SELECT cancelled, cancel_reason FROM d2a_stay_clock WHERE person_ref = ?", personRef))
                .containsEntry("cancelled", true).containsEntry("cancel_reason", IdentityChanges.DEATH);
        Map<String, Object> entry = jdbc.queryForMap("SELECT subject_index, outcome, override_reason FROM ledger_entry"
                + " WHERE entry_kind = 'IDENTITY_EVENT' AND message_id = ?", death.id());
        assertThat(entry).containsEntry("subject_index", index.indexOf(Subject.identified(person)))
                .containsEntry("outcome", "DECEASED");
        assertThat((String) entry.get("override_reason")).contains("active alerts ended 1",
                "pending discharge stays cancelled 1", "reason death");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM operator_alert WHERE agency_id = ? AND code = ?",
                Integer.class, TestEnvironment.LA_CSV, IdentityChanges.ALERTS_ENDED)).isPositive();
        assertThat(verifier.verify(List.of()).intact()).isTrue();
    }

    @Test
    void anAddressChangeMovesPendingStaysToTheCouncilOfTheNewResidence() throws Exception {
        NhsNumber person = TestNhsNumbers.distinct(8403, 1).get(0);
        String personRef = pendingStay(8403, person, "LS1 4AP");
        assertThat(jdbc.queryForObject("SELECT council_agency FROM d2a_stay_clock WHERE person_ref = ?", String.class,
                personRef)).isEqualTo(TestEnvironment.LA_CSV);

        MnsSignal moved = MnsSignal.addressChange(person, "LS6 1AA", Instant.now());
        HttpResponse<String> r = mns.publish(moved);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);

        assertThat(jdbc.queryForObject("SELECT council_agency FROM d2a_stay_clock WHERE person_ref = ?", String.class,
                personRef)).isEqualTo(TestEnvironment.LA_SOAP);
        Map<String, Object> entry = jdbc.queryForMap("SELECT outcome, override_reason FROM ledger_entry"
                + " WHERE entry_kind = 'IDENTITY_EVENT' AND message_id = ?", moved.id());
        assertThat(entry).containsEntry("outcome", "ADDRESS_CHANGED");
        assertThat((String) entry.get("override_reason")).contains("re-routed 1 to " + TestEnvironment.LA_SOAP,
                "from " + TestEnvironment.LA_CSV);
        assertThat(verifier.verify(List.of()).intact()).isTrue();
    }

    @Test
    void badEventsAreRefusedUnsignedOnesNotKeptSignedOnesKeptWithASpecificReason() throws Exception {
        NhsNumber person = TestNhsNumbers.distinct(8404, 1).get(0);
        MnsSignal death = MnsSignal.death(person, LocalDate.of(2026, 12, 5), Instant.now());
        byte[] body = death.toJson().getBytes(StandardCharsets.UTF_8);
        assertThat(mns.send(death, body, false).statusCode()).isEqualTo(401);
        assertThat(quarantined(death.id())).isEmpty();

        MnsSignal gp = MnsSignal.death(person, LocalDate.of(2026, 12, 5), Instant.now()).withType("pds-change-of-gp-1");
        HttpResponse<String> unknown = mns.publish(gp);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(quarantined(gp.id())).containsExactly(IdentityEventParser.UNKNOWN_TYPE);

        MnsSignal broken = MnsSignal.numberChange(person, person, Instant.now()).withData(Map.of("replacedBy", "9990000019"));
        HttpResponse<String> invalid = mns.publish(broken);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).doesNotContain("9990000019").doesNotContain(person.value());
        assertThat(quarantined(broken.id())).containsExactly(IdentityEventParser.INVALID_NHS_NUMBER);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM identity_event WHERE event_id IN (?, ?, ?)", Integer.class,
                death.id(), gp.id(), broken.id())).isZero();
    }

    private List<String> quarantined(String messageId) {
        return jdbc.queryForList("SELECT reason_code FROM quarantine WHERE edge = ? AND message_id = ?", String.class,
                IdentityEventsController.EDGE, messageId);
    }

    private List<String> kinds(String messageId) {
        return jdbc.queryForList("SELECT entry_kind FROM ledger_entry WHERE message_id = ? ORDER BY seq", String.class,
                messageId);
    }
}
