package org.seamless.adaptertype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.seamless.hub.ChainGuard;
import org.seamless.mappings.message.NoticeDetails;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.ops.reliability.SinkCircuitBreakers;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 23, the proof that an adapter type is whole: {@link PostcardAdapterType}, written in test code
 * from only the adapter contract, is named in configuration and given two registry entries (a trust and
 * a council). A discharge notice posted to the type's own edge by the trust goes through the hub and
 * the privacy chain to the council (the trust's host authority, from the agency policy: the patient has
 * no fixed abode), into the type's sink, in the one sink template with its circuit breaker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "seamless.demo.enabled=false")
class ThrowawayAdapterTypeIT {
    static final String TRUST = "postcard-trust";
    static final String COUNCIL = "postcard-council";
    static final TestEnvironment ENV = TestEnvironment.create()
            .withAgencies("""
                      - id: %1$s
                        kind: nhs-trust
                        ods-code: TST61
                        api-key-sha256: ${key:%1$s}
                        adapter:
                          type: %3$s
                        policy:
                          host-local-authority: %2$s
                      - id: %2$s
                        kind: local-authority
                        ods-code: TST62
                        api-key-sha256: ${key:%2$s}
                        adapter:
                          type: %3$s
                          params:
                            greeting: good morning
                    """.formatted(TRUST, COUNCIL, PostcardAdapterType.NAME), TRUST, COUNCIL)
            .withProperty("seamless.adapter-types", PostcardAdapterType.class.getName());
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CamelContext camel;
    @Autowired
    SinkCircuitBreakers circuits;
    @Autowired
    ChainGuard guard;

    @DynamicPropertySource
    static void seamlessProperties(DynamicPropertyRegistry registry) {
        ENV.properties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @Test
    void aNoticePostedToTheTypesEdgeReachesTheTypesSinkThroughTheChain() throws Exception {
        TestNotices.Notice notice = noFixedAbode(2301);

        assertThat(post(ENV.apiKey(TRUST), notice.json()).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).until(() -> PostcardAdapterType.DELIVERED
                .getOrDefault(COUNCIL, Map.of()).containsKey(notice.messageId()));
        // the released message, as the privacy chain let it go: about the patient, to the council
        String released = PostcardAdapterType.DELIVERED.get(COUNCIL).get(notice.messageId());
        assertThat(released).contains(notice.details().nhsNumber().value());
        assertThat(PostcardAdapterType.DELIVERED.getOrDefault(TRUST, Map.of())).doesNotContainKey(notice.messageId());
        // recorded as delivered by the type's sink, and acknowledged in the disclosure ledger
        await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(jdbc.queryForList(
                "SELECT state FROM delivery WHERE message_id = ? AND recipient_agency = ?", String.class,
                notice.messageId(), COUNCIL).stream().findFirst().orElse(null)));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE message_id = ? AND recipient_agency = ?"
                + " AND entry_kind = 'RELEASE'", Integer.class, notice.messageId(), COUNCIL)).isEqualTo(1);
    }

    @Test
    void theTypesEdgeIsOpenToAnAuthenticatedAgency() throws Exception {
        int reached = PostcardAdapterType.REACHED.get();
        // an agency's credential reaches the type's own code, which hands the message to the gate
        TestNotices.Notice notice = noFixedAbode(2303);
        assertThat(post(ENV.apiKey(TRUST), notice.json()).statusCode()).isEqualTo(202);
        assertThat(PostcardAdapterType.REACHED.get()).isEqualTo(reached + 1);
    }

    @Test
    void theTypesSinkRunsInTheOneTemplateWithACircuitAndTheChainGuardStillHolds() {
        assertThat(camel.getRoute("adapter-" + COUNCIL + "-postcard-sink")).isNotNull();
        assertThat(circuits.state(COUNCIL)).isPresent();
        assertThat(circuits.state(TRUST)).isPresent();
        assertThat(guard.violations(camel)).isEmpty();
    }

    @Test
    void theTypesEdgeAnswersOnlyAnAuthenticatedAgency() throws Exception {
        TestNotices.Notice notice = noFixedAbode(2302);
        int reached = PostcardAdapterType.REACHED.get();
        assertThat(post(null, notice.json()).statusCode()).isEqualTo(401);
        assertThat(post("not-a-key", notice.json()).statusCode()).isEqualTo(401);
        // refused by the runtime's web security (the servlet's path came from the type's registration,
        // not from the security configuration) before the type's own code ran
        assertThat(PostcardAdapterType.REACHED.get()).isEqualTo(reached);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE message_id = ?", Integer.class,
                notice.messageId())).isZero();
    }

    /** A discharge notice from the postcard trust for a patient of no fixed abode (ZZ99 3VZ). */
    private static TestNotices.Notice noFixedAbode(long seed) {
        NoticeDetails d = TestNotices.details(SeamlessEvent.DISCHARGE_NOTICE, seed);
        return TestNotices.of(new NoticeDetails(d.messageId(), d.event(), d.sentAt(), d.nhsNumber(), d.givenName(),
                d.familyName(), d.birthDate(), d.gender(), d.addressLines(), d.city(), "ZZ99 3VZ", d.phone(),
                d.encounterId(), d.admittedAt(), d.plannedDischargeDate(), "TST61", d.ward(), d.contactName(),
                d.contactPhone()));
    }

    private HttpResponse<String> post(String apiKey, String body) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/postcard/messages"))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            req.header("X-API-Key", apiKey);
        }
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }
}
