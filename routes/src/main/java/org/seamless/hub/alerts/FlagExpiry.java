package org.seamless.hub.alerts;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finds the hub's active flags whose review or end date is due (within the lead time) or past, and
 * that the LA has not updated since: one operator alert per LA and run, listing the flags; each flag is
 * then marked ({@code alert_flag.expiry_alerted} = the latest date alerted) so the same date is never
 * alerted twice. An update from the LA replaces the row, which re-arms it.
 */
public class FlagExpiry {
    static final String CODE = "alert-flag-date-due";
    private static final int LISTED = 40;

    private final JdbcTemplate jdbc;
    private final OperatorAlerts alerts;
    private final Clock clock;
    private final AlertsProperties props;

    public FlagExpiry(JdbcTemplate jdbc, OperatorAlerts alerts, Clock clock, AlertsProperties props) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.clock = clock;
        this.props = props;
    }

    /** One run; returns the number of flags alerted. */
    public int run() {
        LocalDate today = LocalDate.now(clock.withZone(props.timeZone()));
        String horizon = today.plusDays(props.expiryLeadDays()).toString();
        // ISO dates compare as strings: portable SQL, no date functions
        List<Due> due = jdbc.query("SELECT flag_identifier, owner_agency, alert_type, review_date, end_date, expiry_alerted"
                        + " FROM alert_flag WHERE active = TRUE AND ((review_date IS NOT NULL AND review_date <= ?)"
                        + " OR (end_date IS NOT NULL AND end_date <= ?)) ORDER BY owner_agency, flag_identifier",
                (rs, i) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6)), horizon, horizon);
        Map<String, List<String>> byOwner = new LinkedHashMap<>();
        int alerted = 0;
        for (Due d : due) {
            List<String> items = new ArrayList<>();
            String latest = d.alreadyAlerted();
            for (String[] date : new String[][] {{"review", d.review()}, {"end", d.end()}}) {
                if (date[1] != null && date[1].compareTo(horizon) <= 0
                        && (d.alreadyAlerted() == null || date[1].compareTo(d.alreadyAlerted()) > 0)) {
                    items.add(date[0] + " " + date[1] + (date[1].compareTo(today.toString()) < 0 ? " (passed)" : ""));
                    latest = latest == null || date[1].compareTo(latest) > 0 ? date[1] : latest;
                }
            }
            if (items.isEmpty()) {
                continue;
            }
            byOwner.computeIfAbsent(d.owner(), k -> new ArrayList<>())
                    .add(d.identifier() + " (" + d.type() + "): " + String.join(", ", items));
            jdbc.update("UPDATE alert_flag SET expiry_alerted = ? WHERE flag_identifier = ?", latest, d.identifier());
            alerted++;
        }
        byOwner.forEach((owner, lines) -> {
            String summary = lines.size() + " active flag(s) with a review or end date due by " + horizon
                    + " (lead " + props.expiryLeadDays() + " days) and no update from the LA";
            String listed = String.join("; ", lines.subList(0, Math.min(LISTED, lines.size())))
                    + (lines.size() > LISTED ? "; ... (query alert_flag for the rest)" : "");
            alerts.raise(owner, CODE, summary + ": " + listed, summary);
        });
        return alerted;
    }

    private record Due(String identifier, String owner, String type, String review, String end, String alreadyAlerted) {
    }
}
