package org.seamless.hub.alerts;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits and watching of flag pulls (ADR 0039). Each clinical agency may pull at {@code perMinute}
 * on average with bursts up to {@code burst}; beyond that it is answered 429 with Retry-After. Every
 * agency's pulls are watched over {@code watchWindow}: as many distinct people as
 * {@code watchDistinctSubjects}, or as many pulls that found nothing as {@code watchMisses}, raise
 * one alert (operator, and each council whose flags were among those pulled) per window.
 *
 * @param agencies per agency id, a limit that replaces the default one (e.g. a trust-wide system)
 */
@ConfigurationProperties("seamless.alerts.pulls")
public record FlagPullProperties(
        @DefaultValue("60") int perMinute,
        @DefaultValue("120") int burst,
        Map<String, Limit> agencies,
        @DefaultValue("1h") Duration watchWindow,
        @DefaultValue("300") int watchDistinctSubjects,
        @DefaultValue("250") int watchMisses) {

    public FlagPullProperties {
        agencies = agencies == null ? Map.of() : Map.copyOf(agencies);
        new Limit(perMinute, burst).check("seamless.alerts.pulls");
        agencies.forEach((id, l) -> l.check("seamless.alerts.pulls.agencies." + id));
        if (watchWindow.isNegative() || watchWindow.isZero()) {
            throw new IllegalArgumentException("seamless.alerts.pulls.watch-window must be positive");
        }
        if (watchDistinctSubjects < 1 || watchMisses < 1) {
            throw new IllegalArgumentException(
                    "seamless.alerts.pulls.watch-distinct-subjects and watch-misses must be at least 1");
        }
    }

    /** The limit of one agency. */
    public Limit limitFor(String agencyId) {
        return agencies.getOrDefault(agencyId, new Limit(perMinute, burst));
    }

    /** @param perMinute pulls per minute on average; @param burst pulls allowed at once */
    public record Limit(int perMinute, int burst) {
        void check(String prefix) {
            if (perMinute < 1 || burst < 1) {
                throw new IllegalArgumentException(prefix + ".per-minute and " + prefix + ".burst must be at least 1");
            }
        }
    }
}
