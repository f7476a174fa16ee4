package org.seamless.hub.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.seamless.hub.alerts.AlertAccessLog;
import org.seamless.hub.alerts.HubAlertStore;
import org.seamless.hub.d2aclock.StayRefs;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.privacy.consent.JdbcConsentRegistry;
import org.seamless.privacy.keys.FieldCipher;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Moves what the hub keeps under one NHS number to its replacement (ADR 0084), in the caller's transaction:
 * the consent registry's records, the social care alert flags (number, blind index and the kept message's
 * identifiers), the alert access log, and the pseudonym-keyed discharge to assess records. Run again after
 * it completed, it finds nothing under the old number and changes nothing. The ledger is not touched here:
 * its entries are never rewritten ({@code LedgerEvents#subjectLink} links them instead).
 */
public class SubjectRekeying {
    /** Why the hub closed a stay record kept under a superseded number. */
    public static final String STAY_SUPERSEDED = "nhs-number-change";
    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;
    private final StayRefs stayRefs;
    private final Clock clock;

    /** What moved, by kind of record (counts only). */
    public record Moved(int consents, int alerts, int alertAccesses, int homeCarePackages, int staysClosed) {
        public String summary() {
            return "consents " + consents + ", alerts " + alerts + ", alert accesses " + alertAccesses
                    + ", home care packages " + homeCarePackages + ", pending stays closed " + staysClosed;
        }
    }

    public SubjectRekeying(JdbcTemplate jdbc, FieldCipher cipher, StayRefs stayRefs, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.stayRefs = stayRefs;
        this.clock = clock;
    }

    public Moved rekey(NhsNumber from, NhsNumber to) {
        int consents = moveIndexed("consent_record", JdbcConsentRegistry.NHS_COLUMN, from, to);
        int alerts = moveAlertFlags(from, to);
        int accesses = moveIndexed("alert_access", AlertAccessLog.NHS, from, to);
        String oldPerson = stayRefs.person(from);
        String newPerson = stayRefs.person(to);
        // a package the council already recorded under the new number is the later one: the old row gives way
        int packages = jdbc.update("UPDATE d2a_home_care_package SET person_ref = ? WHERE person_ref = ? AND council_agency"
                + " NOT IN (SELECT council_agency FROM d2a_home_care_package WHERE person_ref = ?)", newPerson, oldPerson,
                newPerson);
        jdbc.update("DELETE FROM d2a_home_care_package WHERE person_ref = ?", oldPerson);
        // why: a stay's reference is a digest over the person's pseudonym and the spell id, which the hub does not
        // keep, so it cannot be recomputed; the trust's next event carries the stay's whole state (ADR 0060) and
        // opens it under the new number, and the old record stops counting as pending (no overdue alert twice)
        int stays = jdbc.update("UPDATE d2a_stay_clock SET cancelled = TRUE, cancel_reason = ?, updated_at = ?"
                + " WHERE person_ref = ? AND discharged_on IS NULL AND cancelled = FALSE", STAY_SUPERSEDED,
                Timestamp.from(clock.instant()), oldPerson);
        jdbc.update("UPDATE d2a_stay_clock SET person_ref = ? WHERE person_ref = ?", newPerson, oldPerson);
        return new Moved(consents, alerts, accesses, packages, stays);
    }

    /** Re-encrypts and re-indexes {@code table}'s rows of the old number (columns nhs_number, nhs_index). */
    private int moveIndexed(String table, String column, NhsNumber from, NhsNumber to) {
        List<String> indexes = cipher.indexes(column, from.value());
        return jdbc.update("UPDATE " + table + " SET nhs_number = ?, nhs_index = ? WHERE nhs_index IN ("
                + String.join(",", Collections.nCopies(indexes.size(), "?")) + ")", params(
                cipher.seal(column, to.value()), cipher.index(column, to.value()), indexes));
    }

    private int moveAlertFlags(NhsNumber from, NhsNumber to) {
        List<String> indexes = cipher.indexes(HubAlertStore.NHS, from.value());
        List<String[]> rows = jdbc.query("SELECT flag_identifier, message FROM alert_flag WHERE nhs_index IN ("
                        + String.join(",", Collections.nCopies(indexes.size(), "?")) + ")",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, indexes.toArray());
        for (String[] row : rows) {
            Bundle message = MessageBundles.parse(cipher.open(HubAlertStore.MESSAGE, row[1]));
            renumber(message, from, to);
            jdbc.update("UPDATE alert_flag SET nhs_number = ?, nhs_index = ?, message = ? WHERE flag_identifier = ?",
                    cipher.seal(HubAlertStore.NHS, to.value()), cipher.index(HubAlertStore.NHS, to.value()),
                    cipher.seal(HubAlertStore.MESSAGE, MessageBundles.toJson(message)), row[0]);
        }
        return rows.size();
    }

    /** Every NHS number identifier in the message that holds the old number gets the new one. */
    static void renumber(Bundle message, NhsNumber from, NhsNumber to) {
        var terser = FhirContexts.r4().newTerser();
        for (Bundle.BundleEntryComponent e : message.getEntry()) {
            if (e.getResource() == null) {
                continue;
            }
            for (Identifier id : terser.getAllPopulatedChildElementsOfType(e.getResource(), Identifier.class)) {
                if (NhsNumber.SYSTEM.equals(id.getSystem()) && from.value().equals(id.getValue())) {
                    id.setValue(to.value());
                }
            }
        }
    }

    private static Object[] params(String sealed, String index, List<String> indexes) {
        Object[] out = new Object[2 + indexes.size()];
        out[0] = sealed;
        out[1] = index;
        for (int i = 0; i < indexes.size(); i++) {
            out[2 + i] = indexes.get(i);
        }
        return out;
    }
}
