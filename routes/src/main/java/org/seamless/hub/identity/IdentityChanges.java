package org.seamless.hub.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.hub.alerts.HubAlertStore;
import org.seamless.hub.alerts.OperatorAlerts;
import org.seamless.hub.d2aclock.StayRefs;
import org.seamless.hub.residence.Residence;
import org.seamless.hub.residence.ResidenceRules;
import org.seamless.ledger.LedgerEvents;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.keys.FieldCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the hub does on each identity event (ADR 0084, docs/flows/identity-events.md). The table changes run in
 * one transaction; the ledger entry is appended after it commits (the ledger keeps its own chain lock) and is
 * keyed by the event id, so an event applied again after a crash between the two adds no second entry.
 * Returns a count-only summary for the event's tracking row.
 */
public class IdentityChanges {
    /** Why the hub ended an alert flag or cancelled a pending stay on a death notification. */
    public static final String DEATH = "death";
    public static final String ALERTS_ENDED = "identity-alerts-ended-on-death";
    public static final String STAYS_REROUTED = "identity-stays-rerouted";
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final FieldCipher cipher;
    private final StayRefs stayRefs;
    private final SubjectRekeying rekeying;
    private final ResidenceRules residence;
    private final AgencyRegistry registry;
    private final LedgerEvents ledger;
    private final OperatorAlerts operatorAlerts;
    private final Clock clock;

    public IdentityChanges(JdbcTemplate jdbc, TransactionTemplate tx, FieldCipher cipher, StayRefs stayRefs,
                           ResidenceRules residence, AgencyRegistry registry, LedgerEvents ledger,
                           OperatorAlerts operatorAlerts, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.cipher = cipher;
        this.stayRefs = stayRefs;
        this.rekeying = new SubjectRekeying(jdbc, cipher, stayRefs, clock);
        this.residence = residence;
        this.registry = registry;
        this.ledger = ledger;
        this.operatorAlerts = operatorAlerts;
        this.clock = clock;
    }

    public String apply(IdentityEvent e) {
        return switch (e.kind()) {
            case NHS_NUMBER_CHANGE -> numberChanged(e);
            case DEATH -> died(e);
            case ADDRESS_CHANGE -> moved(e);
        };
    }

    private String numberChanged(IdentityEvent e) {
        NhsNumber to = e.replacedBy().orElseThrow();
        SubjectRekeying.Moved moved = tx.execute(s -> rekeying.rekey(e.subject(), to));
        String summary = "NHS number replaced: " + moved.summary();
        ledger.subjectLink(e.id(), e.type(), e.subject(), to, summary);
        return summary;
    }

    private String died(IdentityEvent e) {
        List<String> indexes = cipher.indexes(HubAlertStore.NHS, e.subject().value());
        String in = String.join(",", Collections.nCopies(indexes.size(), "?"));
        String endDate = e.dateOfDeath().orElse(e.time().atZone(java.time.ZoneOffset.UTC).toLocalDate()).toString();
        Timestamp now = Timestamp.from(clock.instant());
        int[] counts = tx.execute(s -> {
            List<String> owners = jdbc.queryForList("SELECT DISTINCT owner_agency FROM alert_flag WHERE active = TRUE"
                    + " AND nhs_index IN (" + in + ")", String.class, indexes.toArray());
            int alerts = jdbc.update("UPDATE alert_flag SET active = FALSE, end_date = ?, updated_at = ? WHERE active = TRUE"
                    + " AND nhs_index IN (" + in + ")", concat(endDate, now, indexes));
            int stays = jdbc.update("UPDATE d2a_stay_clock SET cancelled = TRUE, cancel_reason = ?, updated_at = ?"
                    + " WHERE person_ref = ? AND discharged_on IS NULL AND cancelled = FALSE", DEATH, now,
                    stayRefs.person(e.subject()));
            // the owning councils are told (no personal data: the event id lets them find it with the hub's operators)
            owners.forEach(owner -> operatorAlerts.raise(owner, ALERTS_ENDED, "a death notification (event " + e.id()
                    + ") ended the social care alerts you own about the person on the hub; your own record still holds them"));
            return new int[] {alerts, stays};
        });
        String summary = "death: active alerts ended " + counts[0] + ", pending discharge stays cancelled " + counts[1]
                + " (reason " + DEATH + ")";
        ledger.identityEvent(e.id(), e.type(), e.subject(), "DECEASED", summary);
        return summary;
    }

    /**
     * Pending work whose recipient was chosen by residence: the person's discharge to assess stays not yet
     * discharged or cancelled, whose council (the local authority of residence when the trust's events were
     * routed) is another than the council of the new address. They move to the new council, so the overdue
     * clock and the delay measure count them there. An address that resolves to no connected council moves nothing.
     */
    private String moved(IdentityEvent e) {
        Residence found = residence.resolve(e.postcode());
        Optional<String> council = found.laCode().flatMap(code -> registry.ofKind(AgencyKind.LOCAL_AUTHORITY).stream()
                .filter(a -> a.laCode().equals(Optional.of(code))).map(AgencyConfig::id).findFirst());
        if (council.isEmpty()) {
            String summary = "address changed: the new residence resolved to no connected council (" + found.reason().code()
                    + "); pending stays re-routed 0";
            ledger.identityEvent(e.id(), e.type(), e.subject(), "ADDRESS_CHANGED", summary);
            return summary;
        }
        String to = council.get();
        String person = stayRefs.person(e.subject());
        List<String> from = tx.execute(s -> {
            List<String> previous = jdbc.queryForList("SELECT council_agency FROM d2a_stay_clock WHERE person_ref = ?"
                    + " AND discharged_on IS NULL AND cancelled = FALSE AND (council_agency IS NULL OR council_agency <> ?)",
                    String.class, person, to);
            jdbc.update("UPDATE d2a_stay_clock SET council_agency = ?, updated_at = ? WHERE person_ref = ?"
                    + " AND discharged_on IS NULL AND cancelled = FALSE AND (council_agency IS NULL OR council_agency <> ?)",
                    to, Timestamp.from(clock.instant()), person, to);
            if (!previous.isEmpty()) {
                operatorAlerts.raise(to, STAYS_REROUTED, previous.size() + " pending discharge to assess stay(s) moved to"
                        + " you after an address change (event " + e.id() + ")");
            }
            return previous;
        });
        String summary = "address changed: pending discharge stays re-routed " + from.size() + " to " + to
                + (from.isEmpty() ? "" : " from " + String.join(",", new java.util.TreeSet<>(
                from.stream().map(f -> f == null ? "none" : f).toList()))) + " (" + found.reason().code() + ")";
        ledger.identityEvent(e.id(), e.type(), e.subject(), "ADDRESS_CHANGED", summary.length() > 400
                ? summary.substring(0, 400) : summary);
        return summary;
    }

    private static Object[] concat(String endDate, Timestamp now, List<String> indexes) {
        Object[] out = new Object[2 + indexes.size()];
        out[0] = endDate;
        out[1] = now;
        for (int i = 0; i < indexes.size(); i++) {
            out[2 + i] = indexes.get(i);
        }
        return out;
    }
}
