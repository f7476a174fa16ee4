package org.seamless.adapters.lacsv;

import org.seamless.mappings.alert.AlertCsvLayout;

/**
 * One LA's alert extract settings (agencies.yml {@code alerts.csv}).
 *
 * @param rejectThresholdPercent a file with a larger share of rejected rows is rejected whole (default 10)
 * @param maxEndPercent          a full extract that would end more than this share of the LA's active
 *                               alerts is refused and an operator alert raised (default 20)
 * @param maxEndFloor            ... unless it ends no more than this many (default 10), so small LAs can work
 */
public record AlertCsvSettings(AlertCsvLayout layout, double rejectThresholdPercent, double maxEndPercent,
                               long maxEndFloor) {
    public static final AlertCsvSettings DEFAULT = new AlertCsvSettings(AlertCsvLayout.DEFAULT, 10, 20, 10);

    /**
     * From the la-csv adapter parameters: {@code alert-columns} ({@code field=COLUMN;...}; fields alert-id
     * (COLUMN+COLUMN joins several), nhs-number, type, start, end, review, team-name, team-phone, deleted;
     * {@code =value} is a constant), {@code alert-type-values} ({@code LA value=alert type;...}),
     * {@code alert-required-fields} (optional fields this layout requires: end, review, team-name, team-phone,
     * deleted), {@code alert-encoding}, {@code alert-date-format}, {@code alert-time-zone},
     * {@code alert-reject-threshold-percent}, {@code alert-max-end-percent}, {@code alert-max-end-floor}.
     */
    public static AlertCsvSettings from(org.seamless.adapters.registry.AdapterConfig params) {
        AlertCsvLayout d = AlertCsvLayout.DEFAULT;
        java.util.Map<String, String> cols = pairs(params.param(LaCsvAdapterType.ALERT_COLUMNS).orElse(""));
        for (String key : cols.keySet()) {
            if (!java.util.Set.of("alert-id", "nhs-number", "type", "start", "end", "review", "team-name", "team-phone",
                    "deleted").contains(key)) {
                throw new IllegalArgumentException("alert-columns: unknown field '" + key + "'");
            }
        }
        AlertCsvLayout layout = new AlertCsvLayout(
                cols.containsKey("alert-id") ? java.util.List.of(cols.get("alert-id").split("\\+")) : d.alertId(),
                cols.getOrDefault("nhs-number", d.nhsNumber()), cols.getOrDefault("type", d.type()),
                pairs(params.param(LaCsvAdapterType.ALERT_TYPE_VALUES).orElse("")),
                cols.getOrDefault("start", d.start()), cols.getOrDefault("end", d.end()),
                cols.getOrDefault("review", d.review()), cols.getOrDefault("team-name", d.teamName()),
                cols.getOrDefault("team-phone", d.teamPhone()), cols.getOrDefault("deleted", d.deleted()),
                java.nio.charset.Charset.forName(params.param(LaCsvAdapterType.ALERT_ENCODING).orElse("UTF-8")),
                params.param(LaCsvAdapterType.ALERT_DATE_FORMAT).orElse(d.datePattern()),
                java.time.ZoneId.of(params.param(LaCsvAdapterType.ALERT_TIME_ZONE).orElse("Europe/London")),
                fields(params.param(LaCsvAdapterType.ALERT_REQUIRED_FIELDS).orElse("")));
        return new AlertCsvSettings(layout,
                percent(params.param(LaCsvAdapterType.ALERT_REJECT_THRESHOLD).orElse("10"), "alert-reject-threshold-percent"),
                percent(params.param(LaCsvAdapterType.ALERT_MAX_END_PERCENT).orElse("20"), "alert-max-end-percent"),
                Long.parseLong(params.param(LaCsvAdapterType.ALERT_MAX_END_FLOOR).orElse("10")));
    }

    private static java.util.Set<String> fields(String raw) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String f : raw.split("[,;]")) {
            if (!f.isBlank()) {
                out.add(f.strip());
            }
        }
        return out;
    }

    private static double percent(String raw, String name) {
        double v = Double.parseDouble(raw);
        if (v < 0 || v > 100) {
            throw new IllegalArgumentException(name + " must be from 0 to 100");
        }
        return v;
    }

    static java.util.Map<String, String> pairs(String raw) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String part : raw.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected field=value in '" + part.strip() + "'");
            }
            out.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
        return out;
    }
}
