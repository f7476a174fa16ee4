package org.seamless.privacy.transform.pseudonymise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seamless.privacy.transform.TestMessages.CHARITY;
import static org.seamless.privacy.transform.TestMessages.COUNCIL;
import static org.seamless.privacy.transform.TestMessages.NHS;
import static org.seamless.privacy.transform.TestMessages.decision;
import static org.seamless.privacy.transform.TestMessages.json;
import static org.seamless.privacy.transform.TestMessages.request;
import static org.seamless.privacy.transform.TestMessages.resources;

import java.nio.file.Path;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.decide.Outcome;
import org.seamless.privacy.identify.WithheldReason;
import org.seamless.privacy.keys.DomainKeyStore;
import org.seamless.privacy.keys.Pseudonyms;
import org.seamless.privacy.transform.TestMessages;
import org.seamless.privacy.transform.minimise.MinimisationProfiles;

class PseudonymiserTest {
    private static final MinimisationProfiles PROFILES = MinimisationProfiles.load(TestMessages.SHIPPED_PROFILES);

    @TempDir
    Path dir;
    private DomainKeyStore keys;
    private Pseudonyms pseudonyms;
    private Pseudonymiser pseudonymiser;

    @BeforeEach
    void setUp() {
        keys = DomainKeyStore.create(dir.resolve("keys.p12"), "pw-for-tests".toCharArray());
        pseudonyms = new Pseudonyms(keys);
        pseudonymiser = new Pseudonymiser(pseudonyms, PseudonymDomains.perAgency(), PROFILES);
    }

    @AfterEach
    void tearDown() {
        keys.close();
    }

    private Bundle pseudonymise(boolean withheld, String profile) {
        return pseudonymiser.apply(TestMessages.notice(withheld), request(CHARITY, withheld),
                decision(Outcome.RELEASE_PSEUDONYMISED, profile));
    }

    /** The released message's id for a notice whose MessageHeader id (and entry fullUrl) is {@code id}. */
    private String releasedMessageId(String id) {
        Bundle in = TestMessages.notice(false);
        in.getEntryFirstRep().setFullUrl("urn:uuid:" + id);
        in.getEntryFirstRep().getResource().setId(id);
        Bundle out = pseudonymiser.apply(in, request(CHARITY, false), decision(Outcome.RELEASE_PSEUDONYMISED,
                "hospital-notice"));
        return org.seamless.mappings.message.MessageBundles.messageId(out).orElseThrow();
    }

    @Test
    void theReleasedMessageKeepsItsMessageIdForThousandsOfRandomIds() {
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 5_000; i++) {
            // why: about one random UUID in twelve has ten digits in a row once its hyphens are removed;
            // such ids were once replaced, and the recipient got a message id nobody else knew
            String id = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
            assertThat(releasedMessageId(id)).as("a recipient gets the id the sender and the ledger know: " + id)
                    .isEqualTo(id);
        }
        assertThat(releasedMessageId("d1717ad2-d555-3cf0-8950-858201c8f9f3"))
                .isEqualTo("d1717ad2-d555-3cf0-8950-858201c8f9f3");
    }

    @Test
    void aMessageIdHoldingTheSubjectsFactsIsRecognised() {
        Bundle in = TestMessages.notice(false);
        var subject = TestMessages.subject(false);
        assertThat(Pseudonymiser.idHoldsSubjectFacts(in, subject, "notice-" + NHS)).isTrue();
        assertThat(Pseudonymiser.idHoldsSubjectFacts(in, subject, "ab" + NHS.substring(0, 6) + "-" + NHS.substring(6)
                + "-4cf0-8950-aaaaaaaaaaaa")).as("spread over a UUID's groups").isTrue();
        assertThat(Pseudonymiser.idHoldsSubjectFacts(in, subject, "call-07700-900123")).as("the phone").isTrue();
        java.util.Random random = new java.util.Random(12);
        for (int i = 0; i < 5_000; i++) {
            String id = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
            assertThat(Pseudonymiser.idHoldsSubjectFacts(in, subject, id)).as(id).isFalse();
        }
    }

    @Test
    void passesOtherOutcomesThroughUnchanged() {
        Bundle in = TestMessages.notice(false);

        assertThat(pseudonymiser.apply(in, request(COUNCIL, false), decision(Outcome.RELEASE_IDENTIFIABLE, "x")))
                .isSameAs(in);
    }

    @Test
    void replacesEveryIdentifierWithTheRecipientDomainsPseudonym() {
        Patient p = resources(pseudonymise(false, "hospital-notice"), Patient.class).get(0);

        assertThat(p.getIdentifier()).singleElement().satisfies(id -> {
            assertThat(id.getSystem()).isEqualTo(Pseudonyms.SYSTEM);
            assertThat(id.getValue()).isEqualTo(pseudonyms.pseudonymFor(CHARITY.id(), NhsNumber.parse(NHS)));
        });
        assertThat(p.hasName() || p.hasTelecom() || p.hasContact() || p.hasPhoto() || p.hasGeneralPractitioner()
                || p.hasExtension() || p.hasText() || p.hasContained() || p.hasMeta()).isFalse();
        assertThat(p.getAddress()).singleElement().satisfies(a -> {
            assertThat(a.getPostalCode()).isEqualTo("LS1");
            assertThat(a.hasLine() || a.hasCity()).isFalse();
        });
        assertThat(p.getBirthDateElement().getValueAsString()).isEqualTo("1950");
        assertThat(p.getIdElement().getIdPart()).doesNotContain(NHS);
    }

    @Test
    void usesAConfiguredDomainInsteadOfTheAgencyId() {
        Pseudonymiser shared = new Pseudonymiser(pseudonyms,
                new PseudonymDomains(Map.of(CHARITY.id(), "carers-consortium")), PROFILES);

        Bundle out = shared.apply(TestMessages.notice(false), request(CHARITY, false),
                decision(Outcome.RELEASE_PSEUDONYMISED, "hospital-notice"));

        String value = resources(out, Patient.class).get(0).getIdentifierFirstRep().getValue();
        assertThat(pseudonyms.isPseudonymOf("carers-consortium", value, NhsNumber.parse(NHS))).isTrue();
        assertThat(pseudonyms.isPseudonymOf(CHARITY.id(), value, NhsNumber.parse(NHS))).isFalse();
    }

    @Test
    void givesAnAgeBandWhenTheProfileSaysSo() {
        Patient p = resources(pseudonymise(false, "referral-pseudonymised"), Patient.class).get(0);

        assertThat(p.hasBirthDate()).isFalse();
        Range band = (Range) p.getExtensionByUrl(AgeBand.EXTENSION_URL).getValue();
        assertThat(band.getLow().getValue().intValue()).isEqualTo(75);
        assertThat(band.getHigh().getValue().intValue()).isEqualTo(84);
    }

    @Test
    void carriesAWithheldNumberAsWithheldWithoutAPseudonym() {
        Patient p = resources(pseudonymise(true, "hospital-notice"), Patient.class).get(0);

        assertThat(p.getIdentifier()).singleElement().satisfies(id -> {
            assertThat(id.getSystem()).isEqualTo(NhsNumber.SYSTEM);
            assertThat(id.hasValue()).isFalse();
            assertThat(id.getExtensionByUrl(WithheldReason.EXTENSION_URL).getValue().primitiveValue())
                    .isEqualTo("objection-s251a");
        });
    }

    @Test
    void dropsFreeTextOtherPeopleAndIdentifiersAndCoarsensDates() {
        Bundle out = pseudonymiser.apply(TestMessages.notice(false), request(CHARITY, false),
                decision(Outcome.RELEASE_PSEUDONYMISED, "hospital-notice"));
        String json = json(out);

        assertThat(json).doesNotContain(NHS, "Doe", "Jane", "Acacia", "07700", "1950-04-17", "Ward 3", "MRN",
                "Mary", "div", "S-1");
        assertThat(out.getEntry()).extracting(e -> e.getResource().fhirType())
                .containsExactly("MessageHeader", "Patient", "Encounter", "Organization", "Flag");
        Encounter e = resources(out, Encounter.class).get(0);
        assertThat(e.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-01");
        assertThat(e.hasParticipant() || e.hasReasonCode() || e.hasIdentifier() || e.hasExtension()).isFalse();
        assertThat(e.getClass_().getCode()).isEqualTo("IMP");
        assertThat(e.getClass_().hasDisplay()).isFalse();
        Flag flag = resources(out, Flag.class).get(0);
        assertThat(flag.getCode().getCodingFirstRep().getCode()).isEqualTo("CPP");
    }

    @Test
    void relinksReferencesToNewIdsAndKeepsTheMessageId() {
        Bundle out = pseudonymise(false, "hospital-notice");
        MessageHeader h = resources(out, MessageHeader.class).get(0);
        Patient p = resources(out, Patient.class).get(0);
        Encounter e = resources(out, Encounter.class).get(0);

        assertThat(out.getEntryFirstRep().getFullUrl()).isEqualTo("urn:uuid:msg-1");
        assertThat(h.getIdElement().getIdPart()).isEqualTo("msg-1");
        String patientUrl = out.getEntry().get(1).getFullUrl();
        assertThat(patientUrl).startsWith("urn:uuid:").endsWith(p.getIdElement().getIdPart());
        assertThat(e.getSubject().getReference()).isEqualTo(patientUrl);
        assertThat(e.getSubject().hasDisplay()).isFalse();
        assertThat(h.getFocus()).extracting(Reference::getReference).contains(patientUrl).hasSize(3);
        assertThat(pseudonymise(false, "hospital-notice").getEntry().get(1).getFullUrl()).isEqualTo(patientUrl);
    }

    @Test
    void aNameThatIsAlsoAWordOfTheMessagesVocabularyDoesNotStrikeItOut() {
        Bundle in = TestMessages.notice(false);
        Patient source = resources(in, Patient.class).get(0);
        source.getNameFirstRep().setFamily("Notice").getGiven().get(0).setValue("Dev");

        Bundle out = pseudonymiser.apply(in, request(CHARITY, false),
                decision(Outcome.RELEASE_PSEUDONYMISED, "hospital-notice"));

        MessageHeader h = resources(out, MessageHeader.class).get(0);
        assertThat(h.getEventCoding().getSystem()).isEqualTo("https://seamless.dev/fhir/CodeSystem/seamless-event");
        assertThat(h.getEventCoding().getCode()).isEqualTo("admission-notice");
        assertThat(json(out)).doesNotContainIgnoringCase("\"Dev\"").doesNotContain("Notice\"");
    }

    @Test
    void removesCodesAndIdsThatCarryAnIdentifier() {
        Bundle in = TestMessages.notice(false);
        resources(in, Flag.class).get(0).getCode().addCoding()
                .setSystem("https://example.org/local").setCode("9990000018");
        resources(in, Flag.class).get(0).getCode().addCoding().setSystem("https://example.org/local").setCode("doe");

        Bundle out = pseudonymiser.apply(in, request(CHARITY, false),
                decision(Outcome.RELEASE_PSEUDONYMISED, "hospital-notice"));

        assertThat(resources(out, Flag.class).get(0).getCode().getCoding())
                .extracting(c -> c.getCode()).containsExactly("CPP");
    }

    @Test
    void neverChangesItsInput() {
        Bundle in = TestMessages.notice(false);
        String before = json(in);

        pseudonymiser.apply(in, request(CHARITY, false), decision(Outcome.RELEASE_PSEUDONYMISED, "hospital-notice"));

        assertThat(json(in)).isEqualTo(before);
    }
}
