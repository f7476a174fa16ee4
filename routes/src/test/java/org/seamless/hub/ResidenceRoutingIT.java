package org.seamless.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.NoticeDetails;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Care Act notices reach the LA of residence by the shipped demo postcode directory: LS7 straddles
 * the two demo authorities, so each full postcode decides; a postcode the directory cannot place
 * (unknown in a straddling district, ZZ99 no fixed abode) goes to the trust's host LA (the CSV LA)
 * with the fallback recorded.
 */
class ResidenceRoutingIT extends SeamlessTestBase {
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void straddlingDistrictIsResolvedByFullPostcode() throws Exception {
        TestNotices.Notice toSoap = livingAt(701, "LS7 1AB");
        TestNotices.Notice toCsv = livingAt(702, "LS7 2AD");

        post(toSoap);
        post(toCsv);

        assertThat(awaitDelivered(toSoap)).isEqualTo(TestEnvironment.LA_SOAP);
        assertThat(awaitDelivered(toCsv)).isEqualTo(TestEnvironment.LA_CSV);
        assertThat(decision(toSoap)).containsEntry("recipient_agency", TestEnvironment.LA_SOAP)
                .containsEntry("reason", "postcode").containsEntry("fallback", false);
        assertThat(decision(toCsv)).containsEntry("recipient_agency", TestEnvironment.LA_CSV)
                .containsEntry("reason", "postcode").containsEntry("fallback", false);
    }

    @Test
    void unplaceablePostcodesGoToTheHostAuthorityRecordedAsFallbacks() throws Exception {
        TestNotices.Notice ambiguous = livingAt(703, "LS7 5QT");
        TestNotices.Notice noFixedAbode = livingAt(704, "ZZ99 3VZ");

        post(ambiguous);
        post(noFixedAbode);

        assertThat(awaitDelivered(ambiguous)).isEqualTo(TestEnvironment.LA_CSV);
        assertThat(awaitDelivered(noFixedAbode)).isEqualTo(TestEnvironment.LA_CSV);
        assertThat(decision(ambiguous)).containsEntry("reason", "fallback-ambiguous-district")
                .containsEntry("fallback", true);
        assertThat(decision(noFixedAbode)).containsEntry("reason", "fallback-no-fixed-abode")
                .containsEntry("fallback", true);
    }

    private void post(TestNotices.Notice notice) throws Exception {
        assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", notice.json()).statusCode())
                .isEqualTo(200);
    }

    /** The one recipient that recorded the notice as delivered. */
    private String awaitDelivered(TestNotices.Notice notice) {
        List<String> recipients = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                "SELECT recipient_agency FROM delivery WHERE message_id = ? AND state = 'DELIVERED'", String.class,
                notice.messageId()), l -> !l.isEmpty());
        assertThat(recipients).hasSize(1);
        return recipients.get(0);
    }

    private Map<String, Object> decision(TestNotices.Notice notice) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT recipient_agency, reason, fallback FROM"
                + " routing_decision WHERE message_id = ?", notice.messageId());
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static TestNotices.Notice livingAt(long seed, String postcode) {
        NoticeDetails d = TestNotices.details(SeamlessEvent.DISCHARGE_NOTICE, seed);
        return TestNotices.of(new NoticeDetails(d.messageId(), d.event(), d.sentAt(), d.nhsNumber(), d.givenName(),
                d.familyName(), d.birthDate(), d.gender(), d.addressLines(), "Leeds", postcode, d.phone(),
                d.encounterId(), d.admittedAt(), d.plannedDischargeDate(), d.hospitalOdsCode(), d.ward(),
                d.contactName(), d.contactPhone()));
    }
}
