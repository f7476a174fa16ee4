package org.seamless.app.security.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/** The Prometheus scrape endpoint, the one path the scrape token opens (docs/metrics.md). */
public final class ScrapePath {
    public static final String PATH = "/actuator/prometheus";

    private ScrapePath() {
    }

    static boolean matches(HttpServletRequest request) {
        // why: the path as routing sees it, without ";params", case and repeated or trailing slashes
        String path = (request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()))
                .replaceAll(";[^/]*", "").replaceAll("/{2,}", "/").toLowerCase(Locale.ROOT);
        return path.equals(PATH) || path.equals(PATH + "/");
    }
}
