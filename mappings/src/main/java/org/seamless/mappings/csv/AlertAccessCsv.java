package org.seamless.mappings.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.mappings.alert.AlertAccessMessages;
import org.seamless.mappings.message.MessageBundles;

/**
 * The access-notification CSV a local authority imports: one row per access ("child X was seen at
 * setting Y of organisation Z at time T"), RFC 4180, CRLF. {@code alert_ids} and {@code alert_types}
 * are the LA's own alert ids (without the agency prefix) and types, separated by {@code ;}.
 * {@code message_id} and {@code replay_generation} let the importer discard duplicates.
 */
public final class AlertAccessCsv {
    public static final List<String> COLUMNS = List.of("message_id", "replay_generation", "event", "accessed_at",
            "nhs_number", "organisation_ods_code", "organisation_name", "setting", "setting_name", "alert_ids",
            "alert_types");

    private final FormulaPolicy policy;

    public AlertAccessCsv(FormulaPolicy policy) {
        this.policy = policy;
    }

    /** The header and the one data row for a released access message sent to {@code owner}. */
    public String file(Bundle message, String owner, int replayGeneration) {
        AlertAccessMessages.Read r = AlertAccessMessages.read(message, owner);
        List<String> cells = new ArrayList<>();
        cells.add(MessageBundles.messageId(message).orElse(null));
        cells.add(Integer.toString(replayGeneration));
        cells.add("alert-access");
        cells.add(r.accessedAt());
        cells.add(r.nhsNumber());
        cells.add(r.organisationOds());
        cells.add(r.organisationName());
        cells.add(r.setting());
        cells.add(r.settingName());
        cells.add(String.join(";", r.alertIds()));
        cells.add(String.join(";", r.alertTypes()));
        return print(COLUMNS) + print(cells.stream().map(policy::apply).toList());
    }

    private static String print(List<String> cells) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
