package org.seamless.mappings.d2a;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.csv.FormulaPolicy;

/**
 * The discharge to assess CSV a local authority imports (la-csv): one file per event, one layout
 * per event kind, a header row, RFC 4180 (comma, double quotes, CRLF), UTF-8 without BOM. Every
 * layout starts with the {@link #COMMON} columns (who, which stay, which referral) and adds the
 * columns of its kind ({@link #EXTRA}). Empty cell = absent. Dates ISO 8601, times with offset.
 * File names: {@code d2a-<event>-<source>_<message id>-g<generation>.csv}. Documented in
 * docs/flows/discharge-to-assess.md.
 */
public final class D2aCsv {
    /** Columns every layout starts with. */
    public static final List<String> COMMON = List.of("message_id", "replay_generation", "event", "sent_at",
            "nhs_number", "family_name", "given_names", "birth_date", "gender",
            "address_line_1", "address_line_2", "address_line_3", "city", "postcode", "uprn", "phone",
            "hospital_ods_code", "spell_id", "admitted_at", "ward", "referral_id", "pathway",
            "contact_name", "contact_phone");

    /** The columns each event kind adds after {@link #COMMON}. */
    public static final Map<SeamlessEvent, List<String>> EXTRA = Map.of(
            SeamlessEvent.D2A_REFERRAL, List.of("needs_summary", "unpaid_carer_involved", "predicted_discharge_date",
                    "discharge_ready_date"),
            SeamlessEvent.D2A_ADMISSION, List.of(),
            SeamlessEvent.D2A_WARD_TRANSFER, List.of(),
            SeamlessEvent.D2A_PREDICTED_DISCHARGE_DATE, List.of("predicted_discharge_date"),
            SeamlessEvent.D2A_DISCHARGE_READY_DATE, List.of("discharge_ready_date", "predicted_discharge_date"),
            SeamlessEvent.D2A_PATHWAY_CHANGED, List.of("needs_summary"),
            SeamlessEvent.D2A_DELAY, List.of("discharge_ready_date", "delay_reason", "delay_note"),
            SeamlessEvent.D2A_READY_FOR_DISCHARGE, List.of("discharge_ready_date"),
            SeamlessEvent.D2A_DISCHARGED, List.of("discharge_ready_date", "discharged_at", "discharge_destination"),
            SeamlessEvent.D2A_CANCELLED, List.of("cancellation_reason"));

    private final FormulaPolicy policy;

    public D2aCsv(FormulaPolicy policy) {
        this.policy = policy;
    }

    /** The header of an event kind's layout. */
    public static List<String> columns(SeamlessEvent event) {
        List<String> extra = EXTRA.get(event);
        if (extra == null) {
            throw new IllegalArgumentException(event.code() + " has no discharge to assess CSV layout");
        }
        List<String> all = new ArrayList<>(COMMON);
        all.addAll(extra);
        return List.copyOf(all);
    }

    /** The file name prefix of an event kind, e.g. {@code d2a-referral-}. */
    public static String filePrefix(SeamlessEvent event) {
        return event.code() + "-";
    }

    /** A whole file: header line and the event's row. */
    public String file(Bundle message, int replayGeneration) {
        D2aStay s = D2aFields.stay(message);
        return print(columns(s.event())) + print(values(s, replayGeneration));
    }

    /** The cell values of the event's row (after the formula policy), in {@link #columns} order. */
    public List<String> values(D2aStay s, int replayGeneration) {
        List<String> cells = new ArrayList<>();
        for (String column : columns(s.event())) {
            String v = cell(s, column, replayGeneration);
            cells.add(v == null ? null : policy.apply(v));
        }
        return cells;
    }

    private static String cell(D2aStay s, String column, int generation) {
        return switch (column) {
            case "message_id" -> s.messageId();
            case "replay_generation" -> Integer.toString(generation);
            case "event" -> s.event().code();
            case "sent_at" -> s.sentAt().toString();
            case "nhs_number" -> s.nhsNumber().value();
            case "family_name" -> s.familyName();
            case "given_names" -> s.givenName();
            case "birth_date" -> str(s.birthDate());
            case "gender" -> s.gender() == null ? null : s.gender().toCode();
            case "address_line_1" -> line(s, 0);
            case "address_line_2" -> line(s, 1);
            case "address_line_3" -> line(s, 2);
            case "city" -> s.city();
            case "postcode" -> s.postcode();
            case "uprn" -> s.uprn();
            case "phone" -> s.phone();
            case "hospital_ods_code" -> s.hospitalOdsCode();
            case "spell_id" -> s.spellId();
            case "admitted_at" -> s.admittedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            case "ward" -> s.ward();
            case "referral_id" -> s.referralId();
            case "pathway" -> s.pathway() == null ? null : s.pathway().code();
            case "contact_name" -> s.contactName();
            case "contact_phone" -> s.contactPhone();
            case "needs_summary" -> s.needsSummary();
            case "unpaid_carer_involved" -> s.unpaidCarerInvolved() == null ? null : s.unpaidCarerInvolved().toString();
            case "predicted_discharge_date" -> str(s.predictedDischargeDate());
            case "discharge_ready_date" -> str(s.dischargeReadyDate());
            case "delay_reason" -> s.delayReason() == null ? null : s.delayReason().code();
            case "delay_note" -> s.delayNote();
            case "discharged_at" -> s.dischargedAt() == null ? null
                    : s.dischargedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            case "discharge_destination" -> s.dischargeDestination();
            case "cancellation_reason" -> s.cancellationReason();
            default -> throw new IllegalStateException("unmapped column " + column);
        };
    }

    private static String line(D2aStay s, int i) {
        return s.addressLines().size() > i ? s.addressLines().get(i) : null;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    static String print(List<String> cells) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
