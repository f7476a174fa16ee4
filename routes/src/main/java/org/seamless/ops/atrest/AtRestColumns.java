package org.seamless.ops.atrest;

import java.util.List;

/**
 * Every column of Seamless's own tables that holds an identifier, or a body that may hold one, and is stored
 * encrypted (ADR 0071): what the re-encryption pass walks and what the raw-table scan test checks against.
 * The column's qualified name ({@code table.column}) is the associated data of its ciphertext.
 */
public final class AtRestColumns {
    /** A column: text or bytes; {@code indexColumn} the blind index kept beside it, or null. */
    public record Column(String name, boolean bytes, String indexColumn) {
        static Column text(String name) {
            return new Column(name, false, null);
        }

        static Column indexed(String name, String indexColumn) {
            return new Column(name, false, indexColumn);
        }

        static Column bytes(String name) {
            return new Column(name, true, null);
        }
    }

    /** A table: its primary-key columns (the pass walks it in that order) and its encrypted columns. */
    public record Table(String name, List<String> keys, List<Column> columns) {
        public String qualified(Column c) {
            return name + "." + c.name();
        }
    }

    public static final List<Table> TABLES = List.of(
            new Table("consent_record", List.of("id"), List.of(Column.indexed("nhs_number", "nhs_index"))),
            new Table("la_alert_state", List.of("agency_id", "alert_id"),
                    List.of(Column.text("nhs_number"), Column.text("team_name"), Column.text("team_phone"))),
            new Table("alert_flag", List.of("flag_identifier"),
                    List.of(Column.indexed("nhs_number", "nhs_index"), Column.text("message"))),
            new Table("alert_access", List.of("id"), List.of(Column.indexed("nhs_number", "nhs_index"))),
            new Table("notice_answer", List.of("response_message_id"), List.of(Column.text("reason"))),
            new Table("inbound_message", List.of("source_agency", "message_id"), List.of(Column.bytes("payload"))),
            new Table("vcs_mailbox", List.of("seq"), List.of(Column.bytes("body"))),
            new Table("identity_event", List.of("event_id"), List.of(Column.text("body"))),
            new Table("pds_trace", List.of("agency_id", "file_digest", "line"), List.of(Column.text("nhs_number"))));

    private AtRestColumns() {
    }
}
