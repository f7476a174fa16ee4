package org.seamless.privacy.transform.minimise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seamless.privacy.transform.TestMessages.COUNCIL;
import static org.seamless.privacy.transform.TestMessages.NHS;
import static org.seamless.privacy.transform.TestMessages.decision;
import static org.seamless.privacy.transform.TestMessages.request;
import static org.seamless.privacy.transform.TestMessages.resources;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seamless.privacy.decide.Outcome;
import org.seamless.privacy.transform.TestMessages;

/** Loads the profiles file the project ships, so that it cannot rot. */
class ShippedProfilesTest {
    private static final MinimisationProfiles PROFILES = MinimisationProfiles.load(TestMessages.SHIPPED_PROFILES);

    static java.util.Set<String> names() {
        return PROFILES.names();
    }

    @Test
    void shipsTheProfilesTheRulesNeed() {
        assertThat(PROFILES.names()).contains("hospital-notice", "social-care-alert", "alert-access",
                "referral-identifiable", "referral-pseudonymised", "notice-response", "consent-update",
                "referral", "referral-outcome");
        assertThat(PROFILES.require("referral-pseudonymised").birthDateForm()).isEqualTo(BirthDateForm.AGE_BAND);
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyProfileMinimisesANotice(String profile) {
        Bundle out = new Minimiser(PROFILES).apply(TestMessages.notice(false), request(COUNCIL, false),
                decision(Outcome.RELEASE_IDENTIFIABLE, profile));

        assertThat(out.getEntryFirstRep().getResource().fhirType()).isEqualTo("MessageHeader");
        assertThat(TestMessages.json(out)).doesNotContain("\"div\"", "MRN-77", "Janey", "contained", "Mary",
                "traced");
    }

    @Test
    void hospitalNoticeReleasesWhatTheLocalAuthorityNeeds() {
        Bundle out = new Minimiser(PROFILES).apply(TestMessages.notice(false), request(COUNCIL, false),
                decision(Outcome.RELEASE_IDENTIFIABLE, "hospital-notice"));

        Patient p = resources(out, Patient.class).get(0);
        assertThat(p.getIdentifier()).singleElement().satisfies(id -> assertThat(id.getValue()).isEqualTo(NHS));
        assertThat(p.getNameFirstRep().getGivenAsSingleString()).isEqualTo("Jane");
        assertThat(p.getBirthDateElement().getValueAsString()).isEqualTo("1950-04-17");
        assertThat(p.getAddressFirstRep().getLine()).hasSize(1);
        // the first phone number is promised to the LA (CSV column phone); other contact points are not
        assertThat(p.getTelecom()).singleElement().satisfies(t -> assertThat(t.getValue()).isEqualTo("07700 900123"));
        Encounter e = resources(out, Encounter.class).get(0);
        assertThat(e.getExtensionByUrl(TestMessages.PLANNED_END)).isNotNull();
        assertThat(e.getPeriod().hasStart()).isTrue();
        assertThat(e.getServiceProvider().getReference()).isEqualTo("urn:uuid:hospital");
        Organization hospital = resources(out, Organization.class).get(0);
        assertThat(hospital.getContactFirstRep().getTelecomFirstRep().getValue()).isEqualTo("0113 000 0000");
    }
}
