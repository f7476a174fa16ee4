package org.seamless.metrics;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.seamless.ledger.ApiKeyCheck;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may read {@code /actuator/prometheus}: a scraper presenting the scrape token
 * ({@code Authorization: Bearer <token>}, its SHA-256 in {@code seamless.metrics.scrape-token-sha256}),
 * or an operator with the operator API key ({@code X-API-Key}). Anyone else gets 401 before the
 * endpoint runs. The one place this rule lives, so a central security layer can replace it whole.
 */
public final class ScrapeAccessFilter extends OncePerRequestFilter {
    static final String PATH = "/actuator/prometheus";

    private final String scrapeTokenSha256;
    private final String opsApiKeySha256;

    public ScrapeAccessFilter(String scrapeTokenSha256, String opsApiKeySha256) {
        this.scrapeTokenSha256 = scrapeTokenSha256;
        this.opsApiKeySha256 = opsApiKeySha256;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // why: the path as routing sees it, without ";params", case and repeated or trailing slashes
        String path = (request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()))
                .replaceAll(";[^/]*", "").replaceAll("/{2,}", "/").toLowerCase(Locale.ROOT);
        return !path.startsWith(PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (allowed(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"seamless-metrics\"");
        response.setContentType("application/json");
        response.getOutputStream().write("{\"detail\":\"a scrape token or the operator API key is required\"}"
                .getBytes(StandardCharsets.UTF_8));
    }

    private boolean allowed(HttpServletRequest request) {
        String auth = request.getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                && ApiKeyCheck.matches(auth.substring(7).strip(), scrapeTokenSha256)) {
            return true;
        }
        return ApiKeyCheck.matches(request.getHeader("X-API-Key"), opsApiKeySha256);
    }
}
