package org.seamless.privacy.transform.minimise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.seamless.privacy.transform.TestMessages.COUNCIL;
import static org.seamless.privacy.transform.TestMessages.NHS;
import static org.seamless.privacy.transform.TestMessages.decision;
import static org.seamless.privacy.transform.TestMessages.json;
import static org.seamless.privacy.transform.TestMessages.request;
import static org.seamless.privacy.transform.TestMessages.resources;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.seamless.privacy.decide.Outcome;
import org.seamless.privacy.identify.WithheldReason;
import org.seamless.privacy.transform.TestMessages;

class MinimiserTest {
    private static final String PROFILES = """
            profiles:
              notice:
                allow:
                  - Patient.identifier.where(system='https://fhir.nhs.uk/Id/nhs-number')
                  - Patient.identifier.where(system='https://fhir.nhs.uk/Id/nhs-number').extension('%s')
                  - Patient.name.family
                  - Patient.birthDate
                  - Patient.address.postalCode
                  - Encounter.class
                  - Encounter.period
                  - Encounter.subject
                  - Encounter.participant
                  - Encounter.location.location
                  - Encounter.extension('%s')
              header-only:
                allow:
                  - MessageHeader.reason
            """.formatted(TestMessages.VERIFICATION, TestMessages.PLANNED_END);

    private final Minimiser minimiser = new Minimiser(MinimisationProfiles.load(
            new ByteArrayInputStream(PROFILES.getBytes(StandardCharsets.UTF_8)), "test"));

    private Bundle minimise(boolean withheld, String profile) {
        return minimiser.apply(TestMessages.notice(withheld), request(COUNCIL, withheld),
                decision(Outcome.RELEASE_IDENTIFIABLE, profile));
    }

    @Test
    void keepsOnlyListedElementsOfListedResources() {
        Bundle out = minimise(false, "notice");

        assertThat(out.getEntry()).extracting(e -> e.getResource().fhirType())
                .containsExactly("MessageHeader", "Patient", "Encounter");
        Patient p = resources(out, Patient.class).get(0);
        assertThat(p.getIdentifier()).singleElement().satisfies(id -> {
            assertThat(id.getValue()).isEqualTo(NHS);
            assertThat(id.getExtension()).extracting(Extension::getUrl).containsExactly(TestMessages.VERIFICATION);
        });
        assertThat(p.getName()).singleElement().satisfies(n -> {
            assertThat(n.getFamily()).isEqualTo("Doe");
            assertThat(n.hasGiven()).isFalse();
            assertThat(n.getId()).isNull();
        });
        assertThat(p.getAddress()).singleElement().satisfies(a -> {
            assertThat(a.getPostalCode()).isEqualTo("LS1 4AP");
            assertThat(a.hasLine()).isFalse();
        });
        assertThat(p.hasTelecom() || p.hasGender() || p.hasText() || p.hasContained() || p.hasExtension()
                || p.hasGeneralPractitioner()).isFalse();
        assertThat(p.getIdElement().getIdPart()).isEqualTo("patient-" + NHS);
    }

    @Test
    void keepsOnlyConfidentialityLabelsOfMeta() {
        Patient p = resources(minimise(false, "notice"), Patient.class).get(0);

        assertThat(p.getMeta().hasProfile()).isFalse();
        assertThat(p.getMeta().getSecurity()).singleElement().satisfies(c -> assertThat(c.getCode()).isEqualTo("R"));
    }

    @Test
    void keepsListedExtensionsOnlyAndDropsNarrative() {
        Encounter e = resources(minimise(false, "notice"), Encounter.class).get(0);

        assertThat(e.getExtension()).extracting(Extension::getUrl).containsExactly(TestMessages.PLANNED_END);
        assertThat(e.hasText()).isFalse();
        assertThat(e.hasReasonCode() || e.hasIdentifier() || e.hasServiceProvider()).isFalse();
        assertThat(e.getClass_().getCode()).isEqualTo("IMP");
        assertThat(e.getLocationFirstRep().getLocation().getDisplay()).isEqualTo("Ward 3");
    }

    @Test
    void removesReferencesToResourcesThatAreNotReleased() {
        Bundle out = minimise(false, "notice");
        Encounter e = resources(out, Encounter.class).get(0);
        MessageHeader h = resources(out, MessageHeader.class).get(0);

        assertThat(e.getSubject().getReference()).isEqualTo("urn:uuid:p");
        assertThat(e.getSubject().getDisplay()).isEqualTo("Jane Doe"); // a listed element is released whole
        assertThat(e.hasParticipant()).as("participant pointed at the RelatedPerson, which is not released").isFalse();
        assertThat(h.getFocus()).extracting(Reference::getReference).containsExactly("urn:uuid:p", "urn:uuid:encounter");
        assertThat(h.hasSender()).isFalse();
    }

    @Test
    void keepsTheMessageHeaderBaseline() {
        Bundle out = minimise(false, "header-only");

        assertThat(out.getEntry()).singleElement().satisfies(entry -> {
            assertThat(entry.getFullUrl()).isEqualTo("urn:uuid:msg-1");
            MessageHeader h = (MessageHeader) entry.getResource();
            assertThat(h.getIdElement().getIdPart()).isEqualTo("msg-1");
            assertThat(h.getEventCoding().getCode()).isEqualTo("admission-notice");
            assertThat(h.getSource().getEndpoint()).isEqualTo("urn:nhs-uk:addressing:ods:RXX");
            assertThat(h.getDestinationFirstRep().getEndpoint()).isEqualTo("urn:la:leeds");
            assertThat(h.hasFocus()).isFalse();
        });
        assertThat(out.getType()).isEqualTo(Bundle.BundleType.MESSAGE);
        assertThat(out.getTimestamp()).isNotNull();
    }

    @Test
    void carriesTheWithheldMarker() {
        Patient p = resources(minimise(true, "notice"), Patient.class).get(0);

        assertThat(p.getIdentifier()).singleElement().satisfies(id -> {
            assertThat(id.hasValue()).isFalse();
            assertThat(id.getExtensionByUrl(WithheldReason.EXTENSION_URL)).isNotNull();
        });
    }

    @Test
    void neverChangesItsInput() {
        Bundle in = TestMessages.notice(false);
        String before = json(in);

        minimiser.apply(in, request(COUNCIL, false), decision(Outcome.RELEASE_IDENTIFIABLE, "notice"));

        assertThat(json(in)).isEqualTo(before);
    }

    @Test
    void dropsAnElementCarryingAModifierExtension() {
        Bundle in = TestMessages.notice(false);
        Encounter e = resources(in, Encounter.class).get(0);
        e.getLocationFirstRep().addModifierExtension().setUrl("https://example.org/not-really");

        Bundle out = minimiser.apply(in, request(COUNCIL, false), decision(Outcome.RELEASE_IDENTIFIABLE, "notice"));

        assertThat(resources(out, Encounter.class).get(0).hasLocation()).isFalse();
    }

    @Test
    void refusesAnUnknownProfile() {
        assertThatThrownBy(() -> minimise(false, "no-such-profile"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-profile");
    }
}
