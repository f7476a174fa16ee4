package org.seamless.privacy.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.consent.ConsentRecord.Kind;
import org.seamless.privacy.consent.ConsentRecord.Status;

class FhirConsentMapperTest {
    static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");
    static final String DISPLAY_NAME = "van de Heuvel"; // the fictional patient of the HL7 examples

    final FhirConsentMapper mapper = new FhirConsentMapper(
            ods -> Optional.ofNullable(Map.of("DEMO4", "demo-charity", "DEMO1", "demo-trust").get(ods)));
    NhsNumber nhs;

    @BeforeEach
    void setUp() {
        nhs = TestNhsNumbers.nth(3);
    }

    static Consent sample(String name) {
        try (InputStream in = FhirConsentMapperTest.class.getResourceAsStream("/fhir/Consent-" + name + ".json")) {
            return FhirContexts.r4().newJsonParser().parseResource(Consent.class, in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sample in a consent-update bundle that also carries its Patient f001, with a test NHS number. */
    Bundle inBundle(Consent consent) {
        Bundle b = new Bundle().setType(Bundle.BundleType.MESSAGE);
        Patient p = new Patient();
        p.setId("f001");
        p.addName().setFamily(DISPLAY_NAME);
        p.addIdentifier().setSystem(NhsNumber.SYSTEM).setValue(nhs.value());
        b.addEntry().setFullUrl("https://example.org/fhir/Patient/f001").setResource(p);
        b.addEntry().setFullUrl("https://example.org/fhir/Consent/" + consent.getIdElement().getIdPart()).setResource(consent);
        return b;
    }

    static Consent.provisionActorComponent recipient(Reference ref) {
        return new Consent.provisionActorComponent()
                .setRole(new CodeableConcept(new Coding(FhirConsentRecipients.PARTICIPATION_TYPE, "IRCP", null)))
                .setReference(ref);
    }

    static Reference ods(String code) {
        return new Reference().setIdentifier(new org.hl7.fhir.r4.model.Identifier()
                .setSystem(AgencyDirectory.ODS_SYSTEM).setValue(code));
    }

    static void assertMappingError(ThrowingCallable call, String code, String location) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ConsentMappingException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.location()).isEqualTo(location);
            assertThat(e.getMessage()).doesNotContain(DISPLAY_NAME);
        });
    }

    @Test
    void theHl7SamplesAloneNameNoNhsNumberSoTheyAreRefused() {
        for (String name : List.of("consent-example-basic", "consent-example-Out")) {
            Consent c = sample(name);
            c.getProvision().getActor().clear();
            c.getProvision().addPurpose(new Coding(FhirPurposeCodes.V3_ACT_REASON, "TREAT", null));
            assertMappingError(() -> mapper.map(c, null, "demo-trust", NOW), "unresolved-patient", "Consent.patient");
        }
    }

    @Test
    void optInSampleWithPurposeAndRecipientMapsToConsentRecords() {
        Consent c = sample("consent-example-basic");
        c.getProvision().addPurpose(new Coding(FhirPurposeCodes.V3_ACT_REASON, "TREAT", null));
        c.getProvision().addActor(recipient(ods("DEMO1")));
        List<ConsentRecord> records = mapper.map(c, inBundle(c), "demo-trust", NOW);
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(Kind.CONSENT); // policyRule OPTIN, no provision.type
            assertThat(r.status()).isEqualTo(Status.ACTIVE);
            assertThat(r.nhsNumber()).isEqualTo(nhs);
            assertThat(r.purpose()).isEqualTo(Purpose.DIRECT_CARE);
            assertThat(r.recipient()).isEqualTo(RecipientScope.agency("demo-trust"));
            assertThat(r.periodStart()).isEqualTo(Instant.parse("1964-01-01T00:00:00Z"));
            // an end date includes its whole day (London): 2016-01-01 ends at 2016-01-02T00:00 GMT
            assertThat(r.periodEnd()).contains(Instant.parse("2016-01-02T00:00:00Z"));
            assertThat(r.reference()).isEqualTo("demo-trust/Consent/consent-example-basic");
            assertThat(r.source()).isEqualTo("demo-trust");
        });
    }

    @Test
    void optInSampleWithoutPurposeIsRefused() {
        Consent c = sample("consent-example-basic");
        c.getProvision().addActor(recipient(ods("DEMO1")));
        assertMappingError(() -> mapper.map(c, inBundle(c), "demo-trust", NOW), "no-purpose", "Consent.provision.purpose");
    }

    @Test
    void optOutSampleNamesItsCustodianNotARecipientSoItIsRefused() {
        Consent c = sample("consent-example-Out");
        assertMappingError(() -> mapper.map(c, inBundle(c), "demo-trust", NOW), "unsupported-actor-role",
                "Consent.provision.actor[0].role");
    }

    @Test
    void anObjectionWithNoPurposeAndNoRecipientObjectsToEverything() {
        Consent c = sample("consent-example-Out");
        c.getProvision().getActor().clear();
        List<ConsentRecord> records = mapper.map(c, inBundle(c), "demo-trust", NOW);
        assertThat(records).hasSize(Purpose.values().length * AgencyKind.values().length)
                .allSatisfy(r -> assertThat(r.kind()).isEqualTo(Kind.OBJECTION))
                .allSatisfy(r -> assertThat(r.recipient().agencySpecific()).isFalse());
    }

    @Test
    void denyMapsToObjectionAndEveryPurposeTimesRecipientIsARecord() {
        Consent c = consent(Consent.ConsentProvisionType.DENY);
        c.getProvision().addPurpose(new Coding(Purpose.SYSTEM, "referral", null));
        c.getProvision().addPurpose(new Coding(Purpose.SYSTEM, "safeguarding", null));
        Organization kindOrg = new Organization();
        kindOrg.setId("vcs");
        kindOrg.addType(new CodeableConcept(new Coding(FhirConsentRecipients.KIND_SYSTEM, "voluntary-org", null)));
        c.addContained(kindOrg);
        c.getProvision().addActor(recipient(new Reference("#vcs")));
        c.getProvision().addActor(recipient(new Reference().setIdentifier(
                new org.hl7.fhir.r4.model.Identifier().setSystem(FhirConsentRecipients.AGENCY_SYSTEM).setValue("demo-la-csv"))));
        List<ConsentRecord> records = mapper.map(c, null, "demo-la-csv", NOW);
        assertThat(records).hasSize(4).allSatisfy(r -> assertThat(r.kind()).isEqualTo(Kind.OBJECTION));
        assertThat(records).extracting(ConsentRecord::recipient).containsOnly(
                RecipientScope.kind(AgencyKind.VOLUNTARY_ORG), RecipientScope.agency("demo-la-csv"));
        assertThat(records).extracting(ConsentRecord::reference).containsOnly("https://example.org/consents|c-42");
    }

    @Test
    void inactiveRejectedAndEnteredInErrorAreNotInForce() {
        for (Consent.ConsentState state : List.of(Consent.ConsentState.INACTIVE, Consent.ConsentState.REJECTED,
                Consent.ConsentState.ENTEREDINERROR)) {
            Consent c = permitToCharity().setStatus(state);
            assertThat(mapper.map(c, null, "demo-trust", NOW)).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.WITHDRAWN));
        }
        assertMappingError(() -> mapper.map(permitToCharity().setStatus(Consent.ConsentState.DRAFT), null, "demo-trust", NOW),
                "not-in-force", "Consent.status");
    }

    @Test
    void theSubjectMayBeALogicalReferenceByNhsNumber() {
        Consent c = permitToCharity();
        c.setPatient(new Reference().setIdentifier(new org.hl7.fhir.r4.model.Identifier()
                .setSystem(NhsNumber.SYSTEM).setValue(nhs.formatted())));
        assertThat(mapper.map(c, null, "demo-trust", NOW)).extracting(ConsentRecord::nhsNumber).containsOnly(nhs);
    }

    @Test
    void anInvalidNhsNumberIsRefusedWithoutRepeatingIt() {
        Consent c = permitToCharity();
        String bad = TestNhsNumbers.invalid();
        ((Patient) c.getContained().get(0)).getIdentifierFirstRep().setValue(bad);
        assertThatThrownBy(() -> mapper.map(c, null, "demo-trust", NOW))
                .isInstanceOfSatisfying(ConsentMappingException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid-nhs-number");
                    assertThat(e.location()).isEqualTo("Patient.identifier[0].value");
                    assertThat(e.getMessage()).doesNotContain(bad).doesNotContain(bad.substring(0, 9));
                });
    }

    @Test
    void unknownPurposesAndAgenciesAreErrorsNamingTheElement() {
        Consent c = permitToCharity();
        c.getProvision().addPurpose(new Coding(FhirPurposeCodes.V3_ACT_REASON, "HMARKT", null));
        assertMappingError(() -> mapper.map(c, null, "demo-trust", NOW), "unknown-purpose", "Consent.provision.purpose[1]");

        Consent d = permitToCharity();
        d.getProvision().getActorFirstRep().setReference(ods("NOPE9"));
        assertMappingError(() -> mapper.map(d, null, "demo-trust", NOW), "unknown-agency",
                "Consent.provision.actor[0].reference.identifier");
    }

    @Test
    void nestedProvisionsAreRefusedRatherThanIgnored() {
        Consent c = permitToCharity();
        c.getProvision().addProvision().setType(Consent.ConsentProvisionType.DENY);
        assertMappingError(() -> mapper.map(c, null, "demo-trust", NOW), "nested-provision-unsupported",
                "Consent.provision.provision");
    }

    @Test
    void aConsentUpdateBundleIsMappedWithPathsIntoTheBundle() {
        Consent c = sample("consent-example-basic");
        c.getProvision().addPurpose(new Coding(Purpose.SYSTEM, "referral", null));
        c.getProvision().addActor(recipient(ods("DEMO4")));
        Bundle b = inBundle(c);
        assertThat(mapper.mapAll(b, "demo-trust", NOW)).singleElement()
                .satisfies(r -> assertThat(r.recipient()).isEqualTo(RecipientScope.agency("demo-charity")));

        c.getProvision().addPurpose(new Coding("http://example.org/other", "x", null));
        assertMappingError(() -> mapper.mapAll(b, "demo-trust", NOW), "unknown-purpose",
                "Bundle.entry[1].resource.provision.purpose[1]");
    }

    @Test
    void theV3PurposeTableMapsTreatmentToDirectCare() {
        assertThat(FhirPurposeCodes.v3Table()).containsEntry("TREAT", Purpose.DIRECT_CARE)
                .containsEntry("HRESCH", Purpose.SECONDARY_USE);
        for (Purpose p : Purpose.values()) {
            assertThat(FhirPurposeCodes.purposeOf(new Coding(Purpose.SYSTEM, p.code(), null))).contains(p);
        }
    }

    @Test
    void testCopiesMatchTheSharedSamplesWhenThoseArePresent() throws IOException {
        Path shared = Path.of("/work/shared/samples/fhir-r4");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shared), "shared samples folder absent");
        for (String name : List.of("Consent-consent-example-basic.json", "Consent-consent-example-Out.json")) {
            try (InputStream copy = getClass().getResourceAsStream("/fhir/" + name)) {
                assertThat(copy.readAllBytes()).isEqualTo(Files.readAllBytes(shared.resolve(name)));
            }
        }
    }

    /** A Consent with a contained Patient and an identifier, permit or deny, no purpose, no actor. */
    Consent consent(Consent.ConsentProvisionType type) {
        Consent c = new Consent();
        c.setId("c-42");
        c.addIdentifier().setSystem("https://example.org/consents").setValue("c-42");
        c.setStatus(Consent.ConsentState.ACTIVE);
        Patient p = new Patient();
        p.setId("p1");
        p.addIdentifier().setSystem(NhsNumber.SYSTEM).setValue(nhs.value());
        c.addContained(p);
        c.setPatient(new Reference("#p1"));
        c.getProvision().setType(type);
        return c;
    }

    Consent permitToCharity() {
        Consent c = consent(Consent.ConsentProvisionType.PERMIT);
        c.getProvision().addPurpose(new Coding(Purpose.SYSTEM, "referral", null));
        c.getProvision().addActor(recipient(ods("DEMO4")));
        return c;
    }
}
