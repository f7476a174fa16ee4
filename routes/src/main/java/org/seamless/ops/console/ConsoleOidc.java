package org.seamless.ops.console;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.seamless.app.security.web.Callers;
import org.seamless.app.security.web.PeopleProperties;
import org.seamless.app.security.web.Person;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Sign-in to the console through the organisation's OpenID Connect provider (ADR 0051), present only where
 * {@code seamless.security.oidc.issuer-uri} is set. Spring Security's {@code oauth2Login} does the
 * authorization-code flow (state, nonce, the ID token's signature against the provider's JWKS, issuer,
 * audience and expiry); this class turns the verified ID token into a named {@link Person}: the role from
 * the configured claim ({@link OidcProperties#roleClaim()} mapped by {@link OidcProperties#roles()}) and,
 * where the name claim names one of the configured people, that account's role. A person whose claims give
 * no role, or more than one, is refused: a console person holds exactly one role.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OidcProperties.class)
public class ConsoleOidc {
    /** The registration id: the callback is {@value #CALLBACK_BASE}{@code /seamless-oidc}. */
    public static final String REGISTRATION = "seamless-oidc";
    public static final String AUTHORIZATION_BASE = "/console/oauth2/authorization";
    public static final String CALLBACK_BASE = "/console/login/oauth2/code";
    /** The OAuth2 error code of a person whose claims map to no single role. */
    public static final String NO_ROLE = "no_console_role";

    private static final Logger log = LoggerFactory.getLogger(ConsoleOidc.class);

    /** What the console's chain needs when OIDC is configured. */
    public record Login(ClientRegistrationRepository clients, OAuth2UserService<OidcUserRequest, OidcUser> users,
                        String displayName) {
        /** Where the sign-in page's OIDC button goes. */
        public String href() {
            return AUTHORIZATION_BASE + "/" + REGISTRATION;
        }
    }

    @Bean
    @ConditionalOnExpression("'${seamless.security.oidc.issuer-uri:}' != ''")
    Login consoleOidcLogin(OidcProperties props, PeopleProperties people) {
        if (props.clientId().isBlank()) {
            throw new IllegalStateException("seamless.security.oidc.issuer-uri is set without "
                    + "seamless.security.oidc.client-id");
        }
        ClientRegistration registration = ClientRegistrations.fromIssuerLocation(props.issuerUri())
                .registrationId(REGISTRATION)
                .clientId(props.clientId())
                .clientSecret(props.clientSecret())
                .scope("openid", "profile")
                .redirectUri("{baseUrl}" + CALLBACK_BASE + "/{registrationId}")
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .clientName(props.displayName())
                .build();
        return new Login(new InMemoryClientRegistrationRepository(registration), request -> person(props, people,
                request.getIdToken()), props.displayName());
    }

    /** The signed-in person from a verified ID token, or a refusal ({@value #NO_ROLE}). */
    static OidcUser person(OidcProperties props, PeopleProperties people, OidcIdToken token) {
        String name = name(token.getClaims().get(props.nameClaim()), token.getSubject());
        Set<Person.Role> roles = EnumSet.noneOf(Person.Role.class);
        for (String value : values(token.getClaims().get(props.roleClaim()))) {
            String mapped = props.roles().isEmpty() ? value : props.roles().get(value);
            role(mapped).ifPresent(roles::add);
        }
        PeopleProperties.Account account = people.people().get(name);
        if (account != null) {
            role(account.role()).ifPresent(roles::add);
        }
        if (roles.size() != 1) {
            log.info("console OIDC sign-in refused: the identity provider's claims give {} roles", roles.size());
            throw new OAuth2AuthenticationException(new OAuth2Error(NO_ROLE,
                    roles.isEmpty() ? "no Seamless role" : "more than one Seamless role", null));
        }
        Person person = new Person(name, roles.iterator().next(), true);
        return new PersonOidcUser(person, token);
    }

    private static java.util.Optional<Person.Role> role(String value) {
        if (value == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Person.Role.valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** A claim's values: a list, or a string of values separated by spaces or commas. */
    static List<String> values(Object claim) {
        List<String> out = new ArrayList<>();
        if (claim instanceof Collection<?> c) {
            c.forEach(v -> out.add(String.valueOf(v)));
        } else if (claim instanceof String s) {
            for (String v : s.split("[\\s,]+")) {
                if (!v.isBlank()) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** The name the operations audit records: the name claim (else the subject), at most 64 safe characters. */
    static String name(Object claim, String subject) {
        String raw = claim instanceof String s && !s.isBlank() ? s : subject;
        String safe = raw.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9@._-]", "-");
        return safe.length() <= 64 ? safe : safe.substring(0, 64);
    }

    /** An OIDC user who is a named person with one role. */
    static final class PersonOidcUser extends DefaultOidcUser implements Callers.PersonPrincipal {
        private static final long serialVersionUID = 1L;
        private final Person person;

        PersonOidcUser(Person person, OidcIdToken token) {
            super(List.of(new SimpleGrantedAuthority(person.role().authority())), token, IdTokenClaimNames.SUB);
            this.person = person;
        }

        @Override
        public Person person() {
            return person;
        }

        @Override
        public String getName() {
            return person.name();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PersonOidcUser other && super.equals(o) && person.equals(other.person);
        }

        @Override
        public int hashCode() {
            return super.hashCode() * 31 + person.hashCode();
        }

        Map<String, Object> claims() {
            return getClaims();
        }
    }
}
