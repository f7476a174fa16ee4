package org.seamless.ops.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seamless.app.security.web.Callers;
import org.seamless.app.security.web.PeopleProperties;
import org.seamless.app.security.web.Person;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** How a verified ID token's claims become a console person with one role (ADR 0051). */
class ConsoleOidcTest {
    static final PeopleProperties PEOPLE = new PeopleProperties(Map.of("ian-ig-lead",
            new PeopleProperties.Account("IG_LEAD", "", "")), false);

    static OidcProperties props(Map<String, String> roles) {
        return new OidcProperties("https://idp.example", "seamless", "", "groups", roles, "preferred_username", "x");
    }

    static OidcIdToken token(String name, Object groups) {
        OidcIdToken.Builder b = OidcIdToken.withTokenValue("t").subject("subject-1").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60)).claim("preferred_username", name);
        if (groups != null) {
            b.claim("groups", groups);
        }
        return b.build();
    }

    static Person person(OidcUser user) {
        return ((Callers.PersonPrincipal) user).person();
    }

    @Test
    void aMappedGroupGivesItsRole() {
        OidcUser user = ConsoleOidc.person(props(Map.of("ops", "OPERATOR")), PEOPLE, token("Nora.Operator", List.of("staff", "ops")));
        assertThat(person(user)).isEqualTo(new Person("nora.operator", Person.Role.OPERATOR, true));
        assertThat(user.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_OPERATOR");
        assertThat(user.getName()).isEqualTo("nora.operator");
    }

    @Test
    void withoutAMappingAClaimValueThatIsARoleNameCounts() {
        OidcUser user = ConsoleOidc.person(props(Map.of()), PEOPLE, token("ada", "staff auditor"));
        assertThat(person(user).role()).isEqualTo(Person.Role.AUDITOR);
    }

    @Test
    void aConfiguredPersonsNameGivesTheirRole() {
        OidcUser user = ConsoleOidc.person(props(Map.of("ops", "OPERATOR")), PEOPLE, token("ian-ig-lead", null));
        assertThat(person(user).role()).isEqualTo(Person.Role.IG_LEAD);
    }

    @Test
    void noRoleOrMoreThanOneIsRefused() {
        assertThatThrownBy(() -> ConsoleOidc.person(props(Map.of("ops", "OPERATOR")), PEOPLE, token("pat", List.of("staff"))))
                .isInstanceOf(OAuth2AuthenticationException.class)
                .extracting(e -> ((OAuth2AuthenticationException) e).getError().getErrorCode()).isEqualTo(ConsoleOidc.NO_ROLE);
        assertThatThrownBy(() -> ConsoleOidc.person(props(Map.of("ops", "OPERATOR", "ig", "IG_LEAD")), PEOPLE,
                token("pat", List.of("ops", "ig")))).isInstanceOf(OAuth2AuthenticationException.class);
        assertThatThrownBy(() -> ConsoleOidc.person(props(Map.of("ops", "OPERATOR")), PEOPLE, token("ian-ig-lead",
                List.of("ops")))).as("a configured IG lead in the operators' group holds two roles")
                .isInstanceOf(OAuth2AuthenticationException.class);
    }

    @Test
    void theRecordedNameIsSafeAndShort() {
        assertThat(ConsoleOidc.name("Ann Smith <ann@trust.nhs.uk>", "s")).isEqualTo("ann-smith--ann@trust.nhs.uk-");
        assertThat(ConsoleOidc.name(null, "Subject-9")).isEqualTo("subject-9");
        assertThat(ConsoleOidc.name("x".repeat(100), "s")).hasSize(64);
    }
}
