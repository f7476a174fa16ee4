package org.seamless.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.Purpose;
import org.seamless.privacy.consent.RecipientScope;
import org.seamless.privacy.identify.Subject;
import org.seamless.testsupport.TestEnvironment;
import org.seamless.testsupport.mns.MnsSignal;
import org.seamless.testsupport.pds.PdsSimulator;

/**
 * Issue 20, identity events with PDS configured (ADR 0084): MNS publishes thin signals (type, subject, dataref, no
 * {@code data}) and the subscriber reads each event's details from PDS (the {@link PdsSimulator}): the new number of
 * a superseded one, {@code deceasedDateTime}, the home postcode. A {@code data} object in the signal is ignored.
 * PDS unavailable: the event is kept and answered 503, and MNS's retry applies it.
 */
class IdentityEventsFromPdsIT extends IdentityEventsTestBase {
    static final PdsSimulator PDS = PdsSimulator.start().requireToken("test-pds-token");
    private static final LocalDate BORN = LocalDate.of(1950, 3, 4);

    static {
        ENV.withProperty("seamless.pds.base-url", PDS.baseUrl());
        ENV.withProperty("seamless.pds.bearer-token", "test-pds-token");
    }

    @AfterAll
    static void stopPds() {
        PDS.close();
    }

    @Test
    void aThinNumberChangeTakesTheNewNumberFromPds() throws Exception {
        List<NhsNumber> numbers = TestNhsNumbers.distinct(8411, 2);
        NhsNumber old = numbers.get(0);
        NhsNumber next = numbers.get(1);
        PDS.add(next.value(), "Renumbered", "Cy", "male", BORN, "LS1 4AP")
                .add(old.value(), "Renumbered", "Cy", "male", BORN, "LS1 4AP").supersede(old.value(), next.value());
        String consentRef = "consent-" + java.util.UUID.randomUUID();
        consents.record(new ConsentRecord(old, ConsentRecord.Kind.CONSENT, Purpose.REFERRAL,
                RecipientScope.agency(TestEnvironment.CHARITY), T, Optional.empty(), ConsentRecord.Status.ACTIVE,
                TestEnvironment.TRUST, consentRef, T));
        int reads = PDS.reads();

        MnsSignal change = MnsSignal.numberChange(old, next, Instant.now()).thin();
        HttpResponse<String> r = mns.publish(change);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);

        assertThat(PDS.reads()).isGreaterThan(reads);
        assertThat(consents.history(next)).extracting(ConsentRecord::reference).containsExactly(consentRef);
        assertThat(consents.history(old)).isEmpty();
        assertThat(jdbc.queryForMap("SELECT subject_index, linked_subject FROM ledger_entry WHERE entry_kind ="
                + " 'SUBJECT_LINK' AND message_id = ?", change.id()))
                .containsEntry("subject_index", index.indexOf(Subject.identified(next)))
                .containsEntry("linked_subject", index.indexOf(Subject.identified(old)));
        assertThat(verifier.verify(List.of()).intact()).isTrue();
    }

    @Test
    void aThinDeathTakesTheDateOfDeathFromPds() throws Exception {
        NhsNumber person = TestNhsNumbers.distinct(8412, 1).get(0);
        PDS.add(person.value(), "Deceased", "Di", "female", BORN, "LS1 4AP").died(person.value(), LocalDate.of(2026, 12, 4));
        alert(person, "A8412");

        MnsSignal death = MnsSignal.death(person, LocalDate.of(2026, 12, 4), Instant.now()).thin();
        HttpResponse<String> r = mns.publish(death);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);

        assertThat(alerts.activeFor(person.value())).isEmpty();
        assertThat(jdbc.queryForMap("SELECT active, end_date FROM alert_flag WHERE flag_identifier = ?",
                TestEnvironment.LA_CSV + "/A8412")).containsEntry("active", false).containsEntry("end_date", "2026-12-04");
        assertThat(jdbc.queryForObject("SELECT outcome FROM ledger_entry WHERE entry_kind = 'IDENTITY_EVENT'"
                + " AND message_id = ?", String.class, death.id())).isEqualTo("DECEASED");
    }

    @Test
    void aThinAddressChangeTakesTheHomePostcodeFromPdsIgnoringAnyDataInTheSignal() throws Exception {
        NhsNumber person = TestNhsNumbers.distinct(8413, 1).get(0);
        String personRef = pendingStay(8413, person, "LS1 4AP");
        PDS.add(person.value(), "Moved", "Mo", "male", BORN, "LS1 4AP").moved(person.value(), "LS6 1AA");

        // the signal's data says the old postcode: with PDS configured it is not read
        MnsSignal moved = MnsSignal.addressChange(person, "LS1 4AP", Instant.now());
        HttpResponse<String> r = mns.publish(moved);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);

        assertThat(jdbc.queryForObject("SELECT council_agency FROM d2a_stay_clock WHERE person_ref = ?", String.class,
                personRef)).isEqualTo(TestEnvironment.LA_SOAP);
        assertThat(jdbc.queryForObject("SELECT outcome FROM ledger_entry WHERE entry_kind = 'IDENTITY_EVENT'"
                + " AND message_id = ?", String.class, moved.id())).isEqualTo("ADDRESS_CHANGED");
    }

    @Test
    void pdsUnavailableKeepsTheEventAndAnswers503AndTheRetryAppliesIt() throws Exception {
        NhsNumber person = TestNhsNumbers.distinct(8414, 1).get(0);
        PDS.add(person.value(), "Later", "La", "female", BORN, "LS1 4AP").died(person.value(), LocalDate.of(2026, 12, 3));
        alert(person, "A8414");
        MnsSignal death = MnsSignal.death(person, LocalDate.of(2026, 12, 3), Instant.now()).thin();

        PDS.refuseNext(1000, 0);
        HttpResponse<String> refused = mns.publish(death);
        PDS.refuseNext(0, 0);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.body()).doesNotContain(person.value());
        assertThat(jdbc.queryForObject("SELECT state FROM identity_event WHERE event_id = ?", String.class, death.id()))
                .isEqualTo(IdentityEventInbox.RECEIVED);
        assertThat(alerts.activeFor(person.value())).isNotEmpty();

        HttpResponse<String> retry = mns.publish(death);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        assertThat(alerts.activeFor(person.value())).isEmpty();
        assertThat(jdbc.queryForObject("SELECT state FROM identity_event WHERE event_id = ?", String.class, death.id()))
                .isEqualTo(IdentityEventInbox.DONE);
    }

    @Test
    void aNumberChangePdsDoesNotShowIsKeptInQuarantineAsMissingDetail() throws Exception {
        NhsNumber person = TestNhsNumbers.distinct(8415, 1).get(0);
        PDS.add(person.value(), "Current", "Cu", "male", BORN, "LS1 4AP");
        MnsSignal change = MnsSignal.numberChange(person, TestNhsNumbers.distinct(8416, 1).get(0), Instant.now()).thin();
        HttpResponse<String> r = mns.publish(change);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(jdbc.queryForList("SELECT reason_code FROM quarantine WHERE edge = ? AND message_id = ?", String.class,
                IdentityEventsController.EDGE, change.id())).containsExactly(IdentityEventParser.MISSING_DETAIL);
    }
}
