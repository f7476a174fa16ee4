package org.seamless.ops.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * The console's CSRF tokens, kept in the session (ADR 0051), except that a state-changing request that came
 * without a session never makes one to keep a token in. Such a request is refused anyway (it cannot carry a
 * valid token); making a session would answer it with a new session cookie, and a cross-site form post (which
 * a {@code SameSite=Lax} cookie does not accompany) would thereby replace the person's own session cookie,
 * signing them out from another site.
 */
final class ConsoleCsrfTokens implements CsrfTokenRepository {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private final HttpSessionCsrfTokenRepository sessions = new HttpSessionCsrfTokenRepository();

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return sessions.generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        if (token != null && request.getSession(false) == null && !SAFE.contains(request.getMethod())) {
            return;
        }
        sessions.saveToken(token, request, response);
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        return sessions.loadToken(request);
    }
}
