package org.seamless.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on every response. The APIs serve machine clients, so their policy is the strictest:
 * nothing framed, sniffed, cached or loaded; HSTS over TLS. The console's pages ({@code /console/**},
 * ADR 0051) may load scripts, styles, images and fonts from Seamless itself and nothing else: no inline
 * script or style, no eval, forms post only to Seamless, never framed, never cached.
 */
public final class SecurityHeadersFilter extends OncePerRequestFilter {
    /** The console pages' policy (ADR 0051). */
    public static final String CONSOLE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    /** Everything else's policy. */
    public static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean console = path.equals("/console") || path.startsWith("/console/");
        response.setHeader("Content-Security-Policy", console ? CONSOLE_POLICY : API_POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
        chain.doFilter(request, response);
    }
}
