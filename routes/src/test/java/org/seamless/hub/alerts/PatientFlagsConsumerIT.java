package org.seamless.hub.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.mappings.alert.AlertMessages;
import org.seamless.mappings.alert.AlertType;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.mappings.validation.UkCoreValidation;
import org.seamless.privacy.ledger.LedgerVerifier;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Acceptance (issue 20, ADR 0081): a client written against the Patient Flags / CP-IS consumer guide's
 * interactions, with the HAPI generic client and nothing Seamless-specific but its base URL and API key,
 * reads a child's flag (with the council as the included author), the care team with the council's
 * contact numbers from the registry, and the access history as AuditEvents. An unscheduled access
 * ({@code IsUnscheduledAccessEvent: true}) notifies the council through the hub; a scheduled one and a
 * silent-read consumer's (registry {@code policy.silent-read}) are recorded and notify nobody. Every read
 * is a ledger disclosure, and the returned shapes validate against UK Core. Any agency may record a
 * reasonable adjustment flag (ADR 0083); only a council a child protection flag.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "seamless.demo.enabled=false")
class PatientFlagsConsumerIT {
    static final String COUNCIL = "pf-council";
    static final String SILENT = "pf-silent-clinic";
    static final String OFFICE = "0113 496 0500";
    static final String DUTY = "0113 496 0999";
    static final TestEnvironment ENV = TestEnvironment.create();
    static final Duration LONG = Duration.ofMinutes(3);
    static final String CHILD = nhs("999000021");

    static {
        ENV.withAgencies("""
                  - id: %1$s
                    name: Patient Flags Test Council
                    kind: local-authority
                    ods-code: TST21
                    la-code: E07000991
                    api-key-sha256: ${key:%1$s}
                    adapter:
                      type: la-csv
                      params:
                        outbox: %3$s/agencies/%1$s/outbox
                        state-dir: %3$s/agencies/%1$s/state
                        inbox: %3$s/agencies/%1$s/inbox
                    policy:
                      contact-phone: "%4$s"
                      out-of-hours-phone: "%5$s"
                  - id: %2$s
                    name: Patient Flags Silent Clinic
                    kind: nhs-trust
                    ods-code: TST22
                    api-key-sha256: ${key:%2$s}
                    adapter:
                      type: nhs-fhir
                      params:
                        endpoint: http://localhost:{{local.server.port}}/demo/demo-trust/fhir
                    policy:
                      host-local-authority: %6$s
                      silent-read: true
                """.formatted(COUNCIL, SILENT, ENV.dataDir().toAbsolutePath(), OFFICE, DUTY, TestEnvironment.LA_CSV),
                COUNCIL, SILENT);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    InboundGate gate;
    @Autowired
    AgencyRegistry registry;
    @Autowired
    LedgerVerifier verifier;

    @DynamicPropertySource
    static void seamlessProperties(DynamicPropertyRegistry r) {
        ENV.properties().forEach((k, v) -> r.add(k, () -> v));
    }

    @Test
    void aPatientFlagsClientReadsFlagsCareTeamAndHistoryAndOnlyAnUnscheduledAccessNotifies() throws Exception {
        seedChildProtectionFlag();
        long seqBefore = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM ledger_entry", Long.class);
        IGenericClient trust = client(TestEnvironment.TRUST);

        // 1. Flag?patient:identifier=...&_include=Flag:author, unscheduled (an ED attendance)
        Bundle flags = trust.search().forResource(Flag.class)
                .where(new TokenClientParam("patient:identifier").exactly().systemAndCode(NhsNumber.SYSTEM, CHILD))
                .include(new Include("Flag:author"))
                .withAdditionalHeader(PatientFlagsProviders.UNSCHEDULED_HEADER, "true")
                .returnBundle(Bundle.class).execute();
        assertThat(flags.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        List<Flag> flagList = of(flags, Flag.class);
        assertThat(flagList).singleElement().satisfies(f -> {
            assertThat(f.getIdentifierFirstRep().getValue()).isEqualTo(COUNCIL + "/CP21");
            assertThat(f.getSubject().getIdentifier().getValue()).isEqualTo(CHILD);
            assertThat(f.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
            assertThat(f.getCode().getCoding()).anySatisfy(c -> assertThat(c.getCode()).isEqualTo("342191000000101"));
            assertThat(f.getAuthor().getReference()).isEqualTo("Organization/" + COUNCIL);
            assertThat(f.getContained()).isEmpty();
        });
        Organization council = of(flags, Organization.class).get(0);
        assertThat(flags.getEntry()).filteredOn(e -> e.getResource() instanceof Organization)
                .singleElement().satisfies(e -> assertThat(e.getSearch().getMode())
                        .isEqualTo(Bundle.SearchEntryMode.INCLUDE));
        assertThat(council.getIdElement().getIdPart()).isEqualTo(COUNCIL);
        assertThat(council.getTelecom()).extracting(ContactPoint::getValue).containsExactly(OFFICE);
        assertThat(council.getContactFirstRep().getTelecomFirstRep().getValue()).isEqualTo(DUTY);

        // the council receives the access notification through the hub (its CSV outbox)
        Path outbox = ENV.outbox(COUNCIL);
        await().atMost(LONG).until(() -> accessFiles(outbox).size() == 1);
        assertThat(Files.readAllLines(accessFiles(outbox).get(0)).get(1))
                .contains(CHILD, TestNotices.HOSPITAL_ODS, "demo-trust/ed", "CP21");

        // 2. CareTeam?patient:identifier=..., a scheduled access: recorded, not notified
        Bundle teams = trust.search().forResource(CareTeam.class)
                .where(new TokenClientParam("patient:identifier").exactly().systemAndCode(NhsNumber.SYSTEM, CHILD))
                .withAdditionalHeader(PatientFlagsProviders.UNSCHEDULED_HEADER, "false")
                .returnBundle(Bundle.class).execute();
        CareTeam team = of(teams, CareTeam.class).get(0);
        assertThat(of(teams, CareTeam.class)).hasSize(1);
        assertThat(team.getName()).isEqualTo("Team PF");
        assertThat(team.getSubject().getIdentifier().getValue()).isEqualTo(CHILD);
        assertThat(team.getManagingOrganizationFirstRep().getReference()).isEqualTo("Organization/" + COUNCIL);
        assertThat(team.getTelecom()).extracting(ContactPoint::getValue).containsExactly("0113 496 0021", OFFICE, DUTY);
        assertThat(team.getPeriod().hasStart()).isTrue();

        // 3. AuditEvent?patient:identifier=...: the two accesses (newest first); reading it is not an access
        Bundle history = trust.search().forResource(AuditEvent.class)
                .where(new TokenClientParam("patient:identifier").exactly().systemAndCode(NhsNumber.SYSTEM, CHILD))
                .withAdditionalHeader(PatientFlagsProviders.UNSCHEDULED_HEADER, "true")
                .returnBundle(Bundle.class).execute();
        List<AuditEvent> events = of(history, AuditEvent.class);
        assertThat(events).hasSize(2);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo(TestNotices.HOSPITAL_ODS);
            assertThat(e.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo(CHILD);
        });
        assertThat(events.get(0).getRecorded()).isAfterOrEqualTo(events.get(1).getRecorded());
        assertThat(jdbc.queryForList("SELECT notified FROM alert_access WHERE caller_agency = ? AND owner_agency = ?"
                + " ORDER BY accessed_at", Boolean.class, TestEnvironment.TRUST, COUNCIL)).containsExactly(true, false);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbound_receipt WHERE source_agency = ?", Long.class,
                TestEnvironment.TRUST)).as("one notification published: the unscheduled access").isEqualTo(1);

        // 4. a silent-read consumer (registry policy): it gets the flag, the access is kept, nobody is told
        Bundle silent = client(SILENT).search().forResource(Flag.class)
                .where(new TokenClientParam("patient:identifier").exactly().systemAndCode(NhsNumber.SYSTEM, CHILD))
                .withAdditionalHeader(PatientFlagsProviders.UNSCHEDULED_HEADER, "true")
                .returnBundle(Bundle.class).execute();
        assertThat(of(silent, Flag.class)).hasSize(1);
        assertThat(jdbc.queryForList("SELECT silent, notified FROM alert_access WHERE caller_agency = ?", SILENT))
                .singleElement().satisfies(m -> {
                    assertThat(m.get("silent")).isEqualTo(true);
                    assertThat(m.get("notified")).isEqualTo(false);
                });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbound_receipt WHERE source_agency = ?", Long.class,
                SILENT)).as("nothing published for the silent read").isZero();
        assertThat(of(trust.search().forResource(AuditEvent.class)
                .where(new TokenClientParam("patient:identifier").exactly().systemAndCode(NhsNumber.SYSTEM, CHILD))
                .returnBundle(Bundle.class).execute(), AuditEvent.class)).as("silent reads are not shown").hasSize(2);

        // every read is a disclosure on the ledger: one DECISION and one RELEASE per read of the flag
        List<Map<String, Object>> entries = jdbc.queryForList("SELECT recipient_agency, entry_kind, rule_id FROM"
                + " ledger_entry WHERE message_id LIKE 'pull-%' AND seq > ? ORDER BY seq", seqBefore);
        assertThat(entries).filteredOn(m -> TestEnvironment.TRUST.equals(m.get("recipient_agency")))
                .extracting(m -> m.get("entry_kind")).containsExactly("DECISION", "RELEASE", "DECISION", "RELEASE",
                        "DECISION", "RELEASE", "DECISION", "RELEASE");
        assertThat(entries).filteredOn(m -> SILENT.equals(m.get("recipient_agency"))).hasSize(2);
        assertThat(entries).allSatisfy(m -> assertThat(m.get("rule_id")).isEqualTo("alert-start"));
        assertThat(verifier.verify(List.of()).intact()).isTrue();

        // the shapes conform to UK Core (Flag, Organization, CareTeam, AuditEvent)
        for (IBaseResource r : List.of(flagList.get(0), council, team, events.get(0))) {
            assertThat(UkCoreValidation.validate(r).getMessages())
                    .filteredOn(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                    .as(r.fhirType()).isEmpty();
        }

        // the council was told once: the scheduled access, the history reads and the silent read told it nothing
        assertThat(accessFiles(outbox)).hasSize(1);
    }

    @Test
    void badRequestsAreOperationOutcomesThatDoNotEchoTheValue() {
        String badCheck = CHILD.substring(0, 9) + ((CHILD.charAt(9) - '0' + 1) % 10);
        assertThatThrownBy(() -> client(TestEnvironment.TRUST).search().forResource(Flag.class)
                .where(new TokenClientParam("patient:identifier").exactly().systemAndCode(NhsNumber.SYSTEM, badCheck))
                .returnBundle(Bundle.class).execute()).isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).getResponseBody()).doesNotContain(badCheck)
                        .contains("Modulus 11"));
        assertThatThrownBy(() -> client(TestEnvironment.TRUST).search().forResource(CareTeam.class)
                .where(new TokenClientParam("patient:identifier").exactly().systemAndCode(NhsNumber.SYSTEM, CHILD))
                .withAdditionalHeader(PatientFlagsProviders.UNSCHEDULED_HEADER, "maybe")
                .returnBundle(Bundle.class).execute()).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> client(null).search().forResource(Flag.class)
                .where(new TokenClientParam("patient:identifier").exactly().systemAndCode(NhsNumber.SYSTEM, CHILD))
                .returnBundle(Bundle.class).execute()).isInstanceOf(AuthenticationException.class);
    }

    /**
     * ADR 0083: a voluntary organisation records a reasonable adjustment flag and a trust reads it under the
     * reasonable adjustment rule (no notification); a trust may not record a child protection flag.
     */
    @Test
    void anyAgencyRecordsAReasonableAdjustmentFlagAndOnlyACouncilAChildProtectionFlag() throws Exception {
        String adult = nhs("999000022");
        admit(TestEnvironment.CHARITY, "RA22", adult, AlertType.REASONABLE_ADJUSTMENT);
        String charityCp = admit(TestEnvironment.CHARITY, "CP22", adult, AlertType.CHILD_PROTECTION_PLAN);
        await().atMost(LONG).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM alert_flag WHERE owner_agency = ?"
                + " AND active = TRUE", Long.class, TestEnvironment.CHARITY) >= 1);
        await().atMost(LONG).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE message_id = ?",
                Long.class, charityCp) == 1);
        assertThat(jdbc.queryForObject("SELECT reason FROM quarantine WHERE message_id = ?", String.class, charityCp))
                .contains("only a local authority may send a child-protection-plan alert");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alert_flag WHERE owner_agency = ?", Long.class,
                TestEnvironment.CHARITY)).as("the child protection flag of a charity is not kept").isEqualTo(1);

        long seq = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM ledger_entry", Long.class);
        Bundle read = client(TestEnvironment.TRUST).search().forResource(Flag.class)
                .where(new TokenClientParam("patient:identifier").exactly().systemAndCode(NhsNumber.SYSTEM, adult))
                .withAdditionalHeader(PatientFlagsProviders.UNSCHEDULED_HEADER, "true")
                .returnBundle(Bundle.class).execute();
        Flag ra = of(read, Flag.class).get(0);
        assertThat(of(read, Flag.class)).hasSize(1);
        assertThat(ra.getCode().getCoding()).anySatisfy(c -> assertThat(c.getCode()).isEqualTo("reasonable-adjustment"));
        assertThat(ra.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("admin");
        assertThat(ra.getAuthor().getReference()).isEqualTo("Organization/" + TestEnvironment.CHARITY);
        assertThat(jdbc.queryForList("SELECT rule_id FROM ledger_entry WHERE seq > ? AND recipient_agency = ? AND"
                + " message_id LIKE 'pull-%'", String.class, seq, TestEnvironment.TRUST))
                .containsOnly("reasonable-adjustment-start-from-voluntary-org").hasSize(2);
        assertThat(jdbc.queryForObject("SELECT notified FROM alert_access WHERE owner_agency = ?", Boolean.class,
                TestEnvironment.CHARITY)).as("a reasonable adjustment flag notifies nobody").isFalse();
        assertThat(UkCoreValidation.validate(ra).getMessages())
                .filteredOn(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()).isEmpty();
    }

    private String admit(String agency, String alertId, String nhs, AlertType type) {
        var source = registry.get(agency);
        var alert = new SocialCareAlert(source.id(), source.odsCode(), source.name(), alertId, NhsNumber.parse(nhs),
                type, LocalDate.now().minusDays(5), null, null, false, null, null);
        String id = UUID.randomUUID().toString();
        Bundle message = AlertMessages.message(alert, SeamlessEvent.ALERT_START, id, Instant.now(), LocalDate.now());
        assertThat(gate.admit(new InboundGate.Submission(source, "test", message,
                MessageBundles.toJson(message).getBytes(StandardCharsets.UTF_8), "application/fhir+json")))
                .isInstanceOf(InboundGate.Accepted.class);
        return id;
    }

    private void seedChildProtectionFlag() {
        var la = registry.get(COUNCIL);
        var alert = new SocialCareAlert(la.id(), la.odsCode(), la.name(), "CP21", NhsNumber.parse(CHILD),
                AlertType.CHILD_PROTECTION_PLAN, LocalDate.now().minusDays(20), null, null, false, "Team PF",
                "0113 496 0021");
        Bundle message = AlertMessages.message(alert, SeamlessEvent.ALERT_START, UUID.randomUUID().toString(),
                Instant.now(), LocalDate.now());
        assertThat(gate.admit(new InboundGate.Submission(la, "test", message,
                MessageBundles.toJson(message).getBytes(StandardCharsets.UTF_8), "application/fhir+json")))
                .isInstanceOf(InboundGate.Accepted.class);
        await().atMost(LONG).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM alert_flag WHERE owner_agency = ?"
                + " AND active = TRUE", Long.class, COUNCIL) == 1);
    }

    private IGenericClient client(String agency) {
        FhirContext ctx = FhirContext.forR4();
        ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        ctx.getRestfulClientFactory().setSocketTimeout(120_000);
        IGenericClient c = ctx.newRestfulGenericClient("http://localhost:" + port + "/fhir/patient-flags");
        if (agency != null) {
            AdditionalRequestHeadersInterceptor auth = new AdditionalRequestHeadersInterceptor();
            auth.addHeaderValue("X-API-Key", ENV.apiKey(agency));
            c.registerInterceptor(auth);
        }
        return c;
    }

    private static <T> List<T> of(Bundle b, Class<T> type) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).toList();
    }

    private static List<Path> accessFiles(Path outbox) throws Exception {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(outbox)) {
            return s.filter(p -> p.getFileName().toString().startsWith("alert-access-")
                            && p.getFileName().toString().endsWith(".csv")
                            && Files.exists(p.resolveSibling(p.getFileName() + ".ok"))).sorted().toList();
        }
    }

    private static String nhs(String nine) {
        Integer check = NhsNumber.checkDigitFor(nine);
        if (check == null) {
            throw new IllegalStateException("no check digit");
        }
        return nine + check;
    }
}
