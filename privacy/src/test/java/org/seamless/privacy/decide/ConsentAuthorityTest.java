package org.seamless.privacy.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.privacy.consent.ConsentRecord.Kind;
import org.seamless.privacy.consent.Purpose;
import org.seamless.privacy.consent.RecipientScope;

/** The shipped consent authority policy, its fixed rules, and the loader's refusals. */
class ConsentAuthorityTest {
    static final Path FILE = Path.of("../routes/src/main/resources/config/consent-authority.yml");

    final ConsentAuthority shipped = ConsentAuthorityLoader.load(FILE,
            id -> Optional.ofNullable(TestAuthorities.DEMO.get(id)));

    @Test
    void aCharityMayNotObjectToDirectCareSharingBetweenATrustAndACouncil() {
        assertThat(shipped.refusal("demo-charity", Kind.OBJECTION, Purpose.DIRECT_CARE,
                RecipientScope.kind(AgencyKind.LOCAL_AUTHORITY))).get()
                .extracting(ConsentAuthority.Refusal::code).isEqualTo(ConsentAuthority.NOT_AUTHORISED);
        assertThat(shipped.refusal("demo-charity", Kind.OBJECTION, Purpose.SAFEGUARDING,
                RecipientScope.agency("demo-trust"))).isPresent();
    }

    @Test
    void noAgencyConsentsForItselfByNameOrByKind() {
        assertThat(shipped.refusal("demo-charity", Kind.CONSENT, Purpose.REFERRAL, RecipientScope.agency("demo-charity")))
                .get().extracting(ConsentAuthority.Refusal::code).isEqualTo(ConsentAuthority.FOR_ITSELF);
        assertThat(shipped.refusal("demo-charity", Kind.CONSENT, Purpose.REFERRAL,
                RecipientScope.kind(AgencyKind.VOLUNTARY_ORG))).get()
                .extracting(ConsentAuthority.Refusal::code).isEqualTo(ConsentAuthority.FOR_ITSELF);
        assertThat(shipped.refusal("demo-trust", Kind.CONSENT, Purpose.SECONDARY_USE,
                RecipientScope.kind(AgencyKind.NHS_TRUST))).isPresent();
        // an objection about itself only narrows sharing with itself
        assertThat(shipped.refusal("demo-charity", Kind.OBJECTION, Purpose.REFERRAL,
                RecipientScope.agency("demo-charity"))).isEmpty();
    }

    @Test
    void careProvidersAndCouncilsRecordForOthersAndACharityForItsReferralOutcomes() {
        assertThat(shipped.refusal("demo-trust", Kind.CONSENT, Purpose.REFERRAL, RecipientScope.agency("demo-charity")))
                .isEmpty();
        assertThat(shipped.refusal("demo-trust", Kind.OBJECTION, Purpose.DIRECT_CARE,
                RecipientScope.kind(AgencyKind.LOCAL_AUTHORITY))).isEmpty();
        assertThat(shipped.refusal("demo-la-csv", Kind.CONSENT, Purpose.REFERRAL, RecipientScope.agency("demo-charity")))
                .isEmpty();
        assertThat(shipped.refusal("demo-charity", Kind.CONSENT, Purpose.REFERRAL, RecipientScope.agency("demo-trust")))
                .isEmpty();
    }

    @Test
    void unregisteredRecordersAndRecipientsHaveNoAuthority() {
        assertThat(shipped.refusal("gone-trust", Kind.OBJECTION, Purpose.DIRECT_CARE,
                RecipientScope.kind(AgencyKind.LOCAL_AUTHORITY))).isPresent();
        assertThat(shipped.refusal("demo-trust", Kind.CONSENT, Purpose.REFERRAL, RecipientScope.agency("gone-charity")))
                .isPresent();
    }

    @Test
    void theIgOverrideRoleMayRecordAnythingButConsentForItself() {
        ConsentAuthority ig = load("""
                version: "t"
                ig-override: [demo-charity]
                grants:
                  - {id: g, recorder: nhs-trust, decisions: [objection], purposes: [direct-care], recipients: [local-authority]}
                """);
        assertThat(ig.refusal("demo-charity", Kind.OBJECTION, Purpose.DIRECT_CARE,
                RecipientScope.kind(AgencyKind.LOCAL_AUTHORITY))).isEmpty();
        assertThat(ig.refusal("demo-charity", Kind.CONSENT, Purpose.REFERRAL, RecipientScope.agency("demo-charity")))
                .isPresent();
        assertThat(ig.refusal("demo-trust", Kind.CONSENT, Purpose.DIRECT_CARE,
                RecipientScope.kind(AgencyKind.LOCAL_AUTHORITY))).isPresent();
    }

    @Test
    void theLoaderListsEveryProblem() {
        assertThatThrownBy(() -> load("""
                version: ""
                ig-override: [nobody]
                grants:
                  - {id: a, recorder: hospital, decisions: [consent, maybe], purposes: [fun], recipients: [nhs-trust]}
                  - {id: a, recorder: nhs-trust, decisions: [consent], purposes: [referral], recipients: []}
                """)).isInstanceOf(SharingRulesException.class).satisfies(e -> assertThat(
                        ((SharingRulesException) e).problems()).anySatisfy(p -> assertThat(p).contains("no version"))
                .anySatisfy(p -> assertThat(p).contains("'recorder'"))
                .anySatisfy(p -> assertThat(p).contains("'maybe'"))
                .anySatisfy(p -> assertThat(p).contains("'fun'"))
                .anySatisfy(p -> assertThat(p).contains("[duplicate-id]"))
                .anySatisfy(p -> assertThat(p).contains("missing 'recipients'"))
                .anySatisfy(p -> assertThat(p).contains("[unknown-agency] 'nobody'")));
        assertThatThrownBy(() -> load("version: x\ngrants: []\nsurprise: 1\n")).isInstanceOf(SharingRulesException.class)
                .hasMessageContaining("unknown key 'surprise'");
    }

    private static ConsentAuthority load(String yaml) {
        return ConsentAuthorityLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml",
                id -> Optional.ofNullable(TestAuthorities.DEMO.get(id)));
    }
}
