package org.seamless.app.security.web;

import jakarta.servlet.DispatcherType;
import java.util.List;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.app.demo.fhir.DemoTrustFhirConfiguration;
import org.seamless.app.demo.soap.DemoLaSoapConfiguration;
import org.seamless.app.demo.webhook.DemoCharityWebhookReceiver;
import org.seamless.app.demo.webhook.DemoHomeCareWebhookReceiver;
import org.seamless.ledger.IgProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * The one place that says who may call what (ADR 0047). Every path Seamless serves has a rule here
 * (the console's pages, {@code /console/**}, in the console's own chain ahead of this one, ADR 0051);
 * anything else is refused ({@code anyRequest().denyAll()}). Callers are agencies (role
 * {@code AGENCY}: client certificate, OAuth2 bearer token or registry API key) or named people
 * ({@code OPERATOR}, {@code IG_LEAD}, {@code AUDITOR}: HTTP Basic or a personal API token).
 * Handlers read the caller from the security context ({@link Callers}); what a caller may see
 * within an endpoint (an agency reads only its own referrals) stays with the handler.
 *
 * <p>Public paths, each for a reason: health and info (load balancers and monitoring), the
 * published OpenAPI documents (a contract is no secret), the OAuth2 token endpoint (the client
 * assertion is its authentication), and the demo simulators (present only with
 * {@code seamless.demo.simulators}, which the production profile refuses; each checks its own
 * scheme: a webhook signature, a bearer token). The error dispatch is let through so a handler's
 * error answer is not turned into a refusal.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties({PeopleProperties.class, IgProperties.class})
public class WebSecurityConfiguration {
    /** The public paths and why; the endpoint inventory test allows exactly these. */
    public static final List<String> PUBLIC = List.of(
            "/actuator/health", "/actuator/health/**", "/actuator/info",
            "/api/v1/vcs/openapi.yaml", "/api/v1/vcs/openapi.json", "/api/ops/openapi.yaml", "/api/ops/openapi.json",
            "/api/ig/openapi.yaml", "/api/ig/openapi.json");

    @Bean
    static PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The strict firewall with header checks by scan, not regular expression (ADR 0094); Spring Security finds it by type. */
    @Bean
    static org.springframework.security.web.firewall.HttpFirewall httpFirewall() {
        return Firewall.strict();
    }

    @Bean
    People people(PeopleProperties props, IgProperties ig, PasswordEncoder passwords) {
        return new People(props, ig, passwords);
    }

    /**
     * After the console's chain ({@code org.seamless.ops.console.ConsoleSecurityConfiguration}, ADR 0051),
     * which takes {@code /console/**} with browser sessions and CSRF; this chain takes every other request.
     */
    public static final int ORDER = 100;

    @Bean
    @Order(ORDER)
    SecurityFilterChain seamlessSecurity(HttpSecurity http, AgencyAuthenticator agencies, People people,
                                         Environment env, org.seamless.edge.AdapterEdges edges) throws Exception {
        String fhir = env.getProperty("seamless.fhir.base-path", "/fhir");
        String soap = env.getProperty("cxf.path", "/soap");
        // why: the edges adapter types register (ITK services, servlets of their own) answer agencies only
        String[] adapterEdges = edges.agencyPaths().toArray(String[]::new);
        Refusals refusals = new Refusals(fhir, soap);
        http
                .csrf(csrf -> csrf.disable()) // why: no cookie or session authenticates anything
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h.disable()) // why: SecurityHeadersFilter writes them on every answer, refusals too
                .requestCache(c -> c.disable())
                .logout(l -> l.disable())
                .anonymous(a -> { })
                .httpBasic(b -> b.authenticationEntryPoint(refusals))
                .exceptionHandling(e -> e.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .addFilterBefore(new CallerAuthenticationFilter(agencies, people,
                        env.getProperty("seamless.metrics.scrape-token-sha256", ""),
                        List.of(DemoCharityWebhookReceiver.PATH, DemoHomeCareWebhookReceiver.PATH,
                                org.seamless.hub.identity.IdentityEventsController.PATH,
                                DemoTrustFhirConfiguration.PATH, soap + DemoLaSoapConfiguration.PATH)),
                        BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, PUBLIC.toArray(String[]::new)).permitAll()
                        .requestMatchers(HttpMethod.POST, "/oauth2/token").permitAll()
                        .requestMatchers(HttpMethod.POST, DemoCharityWebhookReceiver.PATH).permitAll()
                        // the demo home-care provider's receiver checks its own signatures (ADR 0063)
                        .requestMatchers(HttpMethod.POST, DemoHomeCareWebhookReceiver.PATH).permitAll()
                        // the identity events subscriber checks the publisher's signature itself (ADR 0084)
                        .requestMatchers(HttpMethod.POST, org.seamless.hub.identity.IdentityEventsController.PATH)
                        .permitAll()
                        .requestMatchers(DemoTrustFhirConfiguration.PATH + "/**").permitAll()
                        .requestMatchers(soap + DemoLaSoapConfiguration.PATH, soap + DemoLaSoapConfiguration.PATH + "/**")
                        .permitAll()
                        // agencies' edges
                        .requestMatchers(fhir, fhir + "/**").hasRole(Callers.AGENCY)
                        .requestMatchers(adapterEdges).hasRole(Callers.AGENCY)
                        .requestMatchers("/api/v1/vcs/**", "/api/v1/consents/**", "/api/v1/alerts/**")
                        .hasRole(Callers.AGENCY)
                        .requestMatchers(HttpMethod.GET, "/api/v1/messages/*/tracking")
                        .hasAnyRole(Callers.AGENCY, "OPERATOR", "AUDITOR")
                        // people
                        .requestMatchers(HttpMethod.POST, "/api/ops/replay").hasRole("OPERATOR")
                        .requestMatchers(HttpMethod.POST, "/api/ops/pds/work-queue/resolve").hasRole("OPERATOR")
                        .requestMatchers(HttpMethod.GET, "/api/ops/quarantine", "/api/ops/quarantine/*").hasRole("OPERATOR")
                        .requestMatchers(HttpMethod.GET, "/api/ops/dead-letters/*", "/api/ops/circuits", "/api/ops/unsettled",
                                "/api/ops/pds/work-queue", "/api/ops/pds/match-rates")
                        .hasAnyRole("OPERATOR", "AUDITOR")
                        .requestMatchers(HttpMethod.POST, "/api/ig/disclosures").hasRole("IG_LEAD")
                        .requestMatchers(HttpMethod.POST, "/api/ig/subject-access").hasRole("IG_LEAD")
                        .requestMatchers(ScrapePath.PATH).hasAnyRole("OPERATOR", "AUDITOR", Callers.ScrapeAuthentication.ROLE)
                        .requestMatchers("/actuator/**").hasAnyRole("OPERATOR", "AUDITOR")
                        .anyRequest().denyAll());
        return http.build();
    }
}
