package org.seamless.app.security.web;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Who the current request was authenticated as by the security filter chain: an agency (role
 * {@code AGENCY}) or a named person ({@code OPERATOR}, {@code IG_LEAD}, {@code AUDITOR}).
 */
public final class Callers {
    public static final String AGENCY = "AGENCY";

    private Callers() {
    }

    /** The agency the request authenticated as. */
    public static Optional<AgencyConfig> agency() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a instanceof AgencyAuthentication agency ? Optional.of(agency.getPrincipal()) : Optional.empty();
    }

    /** The person the request authenticated as (a named account, or a shared key where still enabled). */
    public static Optional<Person> person() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a instanceof PersonAuthentication p) {
            return Optional.of(p.getPrincipal());
        }
        if (a != null && a.isAuthenticated() && a.getPrincipal() instanceof PersonPrincipal p) {
            return Optional.of(p.person());
        }
        if (a != null && a.isAuthenticated() && a.getPrincipal() instanceof UserDetails user) {
            return user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .filter(s -> s.startsWith("ROLE_")).findFirst()
                    .map(r -> new Person(user.getUsername(), Person.Role.valueOf(r.substring(5)), true));
        }
        return Optional.empty();
    }

    /**
     * A principal that is a named person by another route than a password or token: the console's OIDC
     * sign-in (ADR 0051) makes one from the identity provider's claims.
     */
    public interface PersonPrincipal {
        Person person();
    }

    /** The current person, for handlers the chain lets only people reach. */
    public static Person requirePerson() {
        return person().orElseThrow(() -> new IllegalStateException("no person authenticated on this request"));
    }

    /** An authenticated agency. */
    static final class AgencyAuthentication extends AbstractAuthenticationToken {
        private final AgencyConfig agency;

        AgencyAuthentication(AgencyConfig agency) {
            super(List.of(new SimpleGrantedAuthority("ROLE_" + AGENCY)));
            this.agency = agency;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public AgencyConfig getPrincipal() {
            return agency;
        }

        @Override
        public String getName() {
            return agency.id();
        }
    }

    /** A person authenticated by an API token (or a shared key). */
    static final class PersonAuthentication extends AbstractAuthenticationToken {
        private final Person person;

        PersonAuthentication(Person person) {
            super(authorities(person));
            this.person = person;
            setAuthenticated(true);
        }

        private static Collection<? extends GrantedAuthority> authorities(Person person) {
            return List.of(new SimpleGrantedAuthority(person.role().authority()));
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Person getPrincipal() {
            return person;
        }

        @Override
        public String getName() {
            return person.name();
        }
    }

    /** A metrics scraper presenting the scrape token: may read {@code /actuator/prometheus} and nothing else. */
    static final class ScrapeAuthentication extends AbstractAuthenticationToken {
        static final String ROLE = "SCRAPER";

        ScrapeAuthentication() {
            super(List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return "metrics-scraper";
        }
    }
}
