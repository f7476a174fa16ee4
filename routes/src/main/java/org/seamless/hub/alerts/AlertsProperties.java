package org.seamless.hub.alerts;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Social care alerts at the hub (docs/flows/social-care-alerts.md).
 *
 * @param timeZone            the zone whose "today" decides whether a flag is still active at a pull or past a date
 * @param expiryLeadDays      an operator alert is raised this many days before a flag's review or end date
 *                            (0: on the day); then once more is never raised for the same date
 * @param expiryCheckInterval how often the expiry job runs (the first run is one interval after start)
 * @param maxAccessQueryLimit the largest N an LA may ask for in "the last N accesses"
 */
@ConfigurationProperties("seamless.alerts")
public record AlertsProperties(
        @DefaultValue("Europe/London") ZoneId timeZone,
        @DefaultValue("7") int expiryLeadDays,
        @DefaultValue("1h") Duration expiryCheckInterval,
        @DefaultValue("100") int maxAccessQueryLimit) {

    public AlertsProperties {
        if (expiryLeadDays < 0 || expiryLeadDays > 365) {
            throw new IllegalArgumentException("seamless.alerts.expiry-lead-days must be between 0 and 365");
        }
        if (expiryCheckInterval.isNegative() || expiryCheckInterval.isZero()) {
            throw new IllegalArgumentException("seamless.alerts.expiry-check-interval must be positive");
        }
        if (maxAccessQueryLimit < 1) {
            throw new IllegalArgumentException("seamless.alerts.max-access-query-limit must be at least 1");
        }
    }
}
