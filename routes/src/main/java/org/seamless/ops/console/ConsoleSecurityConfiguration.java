package org.seamless.ops.console;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.seamless.app.security.web.Callers;
import org.seamless.app.security.web.OperatorActions;
import org.seamless.app.security.web.Person;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * Who may use the console and how they sign in (ADR 0051). A chain of its own for {@code /console/**},
 * ahead of the stateless API chain ({@code WebSecurityConfiguration}): the console is the one place
 * where a browser holds a session, so only here are there session cookies, CSRF tokens and a sign-in
 * page. Everything else keeps the API chain's rules, untouched.
 *
 * <ul>
 *   <li>Sign in with the named people's passwords ({@code seamless.security.people}, the same accounts
 *       as the operator API's HTTP Basic) on {@value #LOGIN}; roles {@code OPERATOR}, {@code IG_LEAD},
 *       {@code AUDITOR}. Any other authentication (an agency's) never reaches the console.</li>
 *   <li>Sessions: a cookie only (never an id in a URL), a new session id at sign-in, idle timeout
 *       {@code seamless.console.session-timeout} (15 minutes by default); an expired session goes back
 *       to the sign-in page.</li>
 *   <li>CSRF: on, token kept in the session; forms carry it as a hidden field (Thymeleaf adds it to every
 *       {@code th:action} form), htmx sends it as the {@code X-CSRF-TOKEN} header from the layout's
 *       {@code hx-headers}. A POST without it gets 403 and changes nothing.</li>
 *   <li>Headers: {@code SecurityHeadersFilter} writes them for every answer, with a console policy
 *       (scripts and styles from the console's own assets only, no inline code, no framing).</li>
 *   <li>Method security is on: a console controller method states its role with
 *       {@code @PreAuthorize("hasRole('OPERATOR')")}; the person is {@link Callers#requirePerson()}.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleSecurityConfiguration {
    /** Ahead of the API chain, which matches every request. */
    public static final int ORDER = 10;
    public static final String LOGIN = "/console/login";
    public static final String LOGOUT = "/console/logout";
    public static final String DENIED = "/console/denied";
    /** The roles that may open the console at all; each page narrows it with {@code @PreAuthorize}. */
    public static final String[] ROLES = {Person.Role.OPERATOR.name(), Person.Role.IG_LEAD.name(),
            Person.Role.AUDITOR.name()};

    private static final Logger log = LoggerFactory.getLogger(ConsoleSecurityConfiguration.class);

    @Bean
    @Order(ORDER)
    SecurityFilterChain consoleSecurity(HttpSecurity http, OperatorActions actions,
                                        ObjectProvider<ConsoleOidc.Login> oidc) throws Exception {
        ConsoleOidc.Login login = oidc.getIfAvailable();
        if (login != null) {
            // the organisation's identity provider (ADR 0051): refusals go back to the sign-in page with the reason
            http.oauth2Login(o -> o
                    .loginPage(LOGIN)
                    .clientRegistrationRepository(login.clients())
                    .authorizationEndpoint(a -> a.baseUri(ConsoleOidc.AUTHORIZATION_BASE))
                    .redirectionEndpoint(r -> r.baseUri(ConsoleOidc.CALLBACK_BASE + "/*"))
                    .userInfoEndpoint(u -> u.oidcUserService(login.users()))
                    .successHandler(signedIn(actions))
                    .failureHandler((request, response, e) -> {
                        boolean noRole = e instanceof OAuth2AuthenticationException o2
                                && ConsoleOidc.NO_ROLE.equals(o2.getError().getErrorCode());
                        if (!noRole) {
                            log.info("console OIDC sign-in refused: {}", e instanceof OAuth2AuthenticationException o2
                                    ? o2.getError().getErrorCode() : e.getClass().getSimpleName());
                        }
                        response.sendRedirect(request.getContextPath() + LOGIN + (noRole ? "?norole" : "?oidcError"));
                    }));
        }
        http
                .securityMatcher("/console", "/console/**")
                .headers(h -> h.disable()) // why: SecurityHeadersFilter writes them on every answer, with the console's policy here
                .sessionManagement(s -> s
                        .sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        // why no invalidSessionUrl: its handling of a POST without a token makes a new session, whose
                        // cookie a cross-site form post would plant over the person's own; the entry point and the
                        // access-denied handler below send an expired session to sign-in without making one
                        .sessionFixation(f -> f.changeSessionId()))
                .csrf(c -> c.csrfTokenRepository(new ConsoleCsrfTokens())) // on, the token in the session
                .requestCache(c -> c.requestCache(savedPages()))
                .formLogin(f -> f
                        .loginPage(LOGIN)
                        .loginProcessingUrl(LOGIN)
                        .successHandler(signedIn(actions))
                        .failureHandler((request, response, e) -> {
                            log.info("console sign-in refused");
                            response.sendRedirect(request.getContextPath() + LOGIN + "?error");
                        })
                        .permitAll())
                .logout(l -> l
                        .logoutUrl(LOGOUT)
                        .addLogoutHandler((request, response, auth) -> {
                            if (Callers.person().isPresent()) {
                                actions.record("console-logout", "console", "ok");
                            }
                        })
                        // why: a stale session cookie would make the next page say the session expired
                        .deleteCookies("JSESSIONID")
                        .logoutSuccessUrl(LOGIN + "?signedOut")
                        .permitAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(entryPoint())
                        .accessDeniedHandler(denied()))
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll()
                        .requestMatchers(ConsoleWebConfiguration.ASSETS).permitAll()
                        .requestMatchers(LOGIN, DENIED).permitAll()
                        .requestMatchers("/console", "/console/**").hasAnyRole(ROLES)
                        .anyRequest().denyAll());
        return http.build();
    }

    /** The page a person was going to before sign-in, returned to afterwards as it was (no marker parameter). */
    static HttpSessionRequestCache savedPages() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setMatchingRequestParameterName(null);
        return cache;
    }

    /** Every session (only the console makes any) idles out after the configured time. */
    @Bean
    HttpSessionListener consoleSessionTimeout(ConsoleProperties props) {
        int seconds = (int) Math.min(Integer.MAX_VALUE, props.sessionTimeout().toSeconds());
        return new HttpSessionListener() {
            @Override
            public void sessionCreated(HttpSessionEvent se) {
                se.getSession().setMaxInactiveInterval(Math.max(1, seconds));
            }
        };
    }

    /** Records the sign-in in the operations audit, then goes where the person was going (or the dashboard). */
    static AuthenticationSuccessHandler signedIn(OperatorActions actions) {
        SavedRequestAwareAuthenticationSuccessHandler then = new SavedRequestAwareAuthenticationSuccessHandler();
        then.setDefaultTargetUrl("/console");
        return (request, response, authentication) -> {
            actions.record("console-login", "console", "ok");
            then.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /**
     * Not signed in: pages are sent to sign-in ({@code ?expired} where the browser's session has ended), htmx
     * requests get 401 and {@code HX-Redirect} (a whole-page move to sign-in).
     */
    static AuthenticationEntryPoint entryPoint() {
        return (request, response, e) -> {
            String to = request.getContextPath() + LOGIN + (expired(request) ? "?expired" : "");
            if ("true".equals(request.getHeader("HX-Request"))) {
                response.setHeader("HX-Redirect", to);
                response.sendError(401);
                return;
            }
            response.sendRedirect(to);
        };
    }

    /** The browser sent a session cookie for a session that has ended (idle timeout, sign-out elsewhere). */
    static boolean expired(jakarta.servlet.http.HttpServletRequest request) {
        return request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
    }

    /**
     * A refused action: a CSRF failure on a session that has expired goes to sign-in again; anything else
     * (a missing or wrong CSRF token, a role that does not allow it) is 403 with the console's refusal page.
     */
    static AccessDeniedHandler denied() {
        AccessDeniedHandlerImpl page = new AccessDeniedHandlerImpl();
        page.setErrorPage(DENIED);
        return (request, response, e) -> {
            if (e instanceof CsrfException && expired(request)) {
                response.sendRedirect(request.getContextPath() + LOGIN + "?expired");
                return;
            }
            log.info("console request refused: {} {}", request.getMethod(), request.getRequestURI());
            page.handle(request, response, e);
        };
    }
}
