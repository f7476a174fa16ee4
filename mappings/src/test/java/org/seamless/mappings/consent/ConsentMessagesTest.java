package org.seamless.mappings.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Organization;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNhsNumbers;

class ConsentMessagesTest {

    @Test
    void aFormBecomesAConsentAndADeterministicConsentUpdateMessage() {
        ConsentForm form = new ConsentForm(TestNhsNumbers.FIXED, "consent", "referral",
                new ConsentForm.FormRecipient("demo-charity", null), "2026-01-01", null, "my-ref");
        Consent c = ConsentMessages.toConsent(ConsentForms.toSpec(form, "demo-trust"));
        assertThat(c.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
        assertThat(c.getProvision().getType()).isEqualTo(Consent.ConsentProvisionType.PERMIT);
        assertThat(c.getProvision().getPurposeFirstRep().getCode()).isEqualTo("referral");
        assertThat(c.getProvision().getActorFirstRep().getReference().getIdentifier().getValue()).isEqualTo("demo-charity");
        assertThat(c.getIdentifierFirstRep().getSystem()).isEqualTo(ConsentMessages.REFERENCE_SYSTEM_PREFIX + "demo-trust");
        assertThat(c.getProvision().getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-01-01");

        Bundle a = ConsentMessages.consentUpdate(c, NhsNumber.parse(TestNhsNumbers.FIXED), "m-1", "demo-trust", null);
        Consent again = ConsentMessages.toConsent(ConsentForms.toSpec(form, "demo-trust"));
        Bundle b = ConsentMessages.consentUpdate(again, NhsNumber.parse(TestNhsNumbers.FIXED), "m-1", "demo-trust", null);
        assertThat(MessageBundles.toJson(a)).isEqualTo(MessageBundles.toJson(b));
        assertThat(MessageBundles.event(a)).contains(SeamlessEvent.CONSENT_UPDATE);
        assertThat(MessageBundles.patient(a).orElseThrow().getIdentifierFirstRep().getValue()).isEqualTo(TestNhsNumbers.FIXED);
    }

    @Test
    void aKindRecipientIsAContainedOrganizationWithAnAgencyKindType() {
        ConsentForm form = new ConsentForm(TestNhsNumbers.FIXED, "objection", "secondary-use",
                new ConsentForm.FormRecipient(null, "voluntary-org"), null, null, "r");
        Consent c = ConsentMessages.toConsent(ConsentForms.toSpec(form, "x"));
        assertThat(c.getProvision().getType()).isEqualTo(Consent.ConsentProvisionType.DENY);
        Organization org = (Organization) c.getContained().get(0);
        assertThat(org.getTypeFirstRep().getCodingFirstRep().getSystem()).isEqualTo(ConsentMessages.KIND_SYSTEM);
        assertThat(c.getProvision().getActorFirstRep().getReference().getReference()).isEqualTo("#recipient-0");
    }

    @Test
    void formShapeErrorsNameTheFieldNotTheValue() {
        assertThatThrownBy(() -> ConsentForms.toSpec(new ConsentForm(TestNhsNumbers.FIXED, "consent", "referral",
                new ConsentForm.FormRecipient("a", "voluntary-org"), null, null, "r"), "x"))
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> ConsentForms.toSpec(new ConsentForm(TestNhsNumbers.FIXED, "consent", "referral",
                new ConsentForm.FormRecipient("a", null), null, null, "has space"), "x"))
                .isInstanceOf(ConsentInputException.class).extracting("code").isEqualTo("invalid-reference");
    }

    @Test
    void strictParsingRefusesUnknownElementsAndNonConsents() {
        assertThatThrownBy(() -> ConsentResources.parseStrict(bytes("{\"resourceType\":\"Consent\",\"colour\":\"x\"}")))
                .isInstanceOf(ConsentInputException.class).extracting("code").isEqualTo("unknown-field");
        assertThatThrownBy(() -> ConsentResources.parseStrict(bytes("{\"resourceType\":\"Patient\"}")))
                .extracting("code").isEqualTo("not-a-consent");
        assertThatThrownBy(() -> ConsentResources.parseStrict(bytes("{\"resourceType\":")))
                .extracting("code").isEqualTo("malformed-json");
        assertThat(ConsentResources.parseStrict(bytes("{\"resourceType\":\"Consent\",\"status\":\"active\"}"))
                .getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
