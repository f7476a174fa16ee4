package org.seamless.app.security.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.ledger.ApiKeyCheck;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the caller from headers (and the TLS client certificate) alone, before anything
 * reads the body: a person's API token or a shared key ({@code X-API-Key}), else the agency
 * credentials ({@link AgencyAuthenticator}: client certificate, bearer token, registry API key, all
 * of which must name one agency). HTTP Basic is left to Spring Security's Basic filter. A request
 * whose credentials do not hold stays anonymous and the chain refuses it where a rule needs a role.
 */
final class CallerAuthenticationFilter extends OncePerRequestFilter {
    static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    private final AgencyAuthenticator agencies;
    private final People people;
    private final String scrapeTokenSha256;
    private final java.util.List<String> ownSchemePaths;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    /**
     * @param ownSchemePaths path prefixes whose handlers check their own scheme (the demo simulators: a
     *                       webhook signature, the demo trust's bearer token): their credentials are not
     *                       Seamless's, so they are not judged (nor logged as refused) here
     */
    CallerAuthenticationFilter(AgencyAuthenticator agencies, People people, String scrapeTokenSha256,
                               java.util.List<String> ownSchemePaths) {
        this.agencies = agencies;
        this.people = people;
        this.scrapeTokenSha256 = scrapeTokenSha256;
        this.ownSchemePaths = ownSchemePaths;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest req) {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        return ownSchemePaths.stream().anyMatch(p -> Refusals.under(path, p));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws ServletException, IOException {
        Authentication current = contexts.getContext().getAuthentication();
        if (current == null || !current.isAuthenticated()) {
            caller(req).ifPresent(a -> {
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(a);
                contexts.setContext(context);
            });
        }
        chain.doFilter(req, resp);
    }

    private Optional<Authentication> caller(HttpServletRequest req) {
        String key = req.getHeader(AgencyAuthenticator.API_KEY_HEADER);
        String authorization = req.getHeader("Authorization");
        boolean certificate = req.getAttribute(CERTIFICATE_ATTRIBUTE) != null;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty(); // why: Spring Security's Basic filter checks the password
        }
        if (key == null && !certificate && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && ScrapePath.matches(req) && ApiKeyCheck.matches(authorization.substring(7).strip(), scrapeTokenSha256)) {
            return Optional.of(new Callers.ScrapeAuthentication()); // why: the scrape token opens the metrics only
        }
        if (key != null && authorization == null && !certificate) {
            Optional<Person> person = people.byKey(key);
            if (person.isPresent()) {
                return Optional.of(new Callers.PersonAuthentication(person.get()));
            }
        }
        if (key == null && authorization == null && !certificate) {
            return Optional.empty();
        }
        Optional<AgencyConfig> agency = agencies.check(req);
        agency.ifPresent(a -> req.setAttribute(AgencyAuthenticator.AUTHENTICATED_AGENCY, a));
        return agency.map(Callers.AgencyAuthentication::new);
    }
}
