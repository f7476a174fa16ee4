package org.seamless.mappings.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.mappings.recall.RecallMessages;

/**
 * The recall CSV a local authority imports (ADR 0069): one row per recalled message, RFC 4180, CRLF.
 * {@code recall_id} and {@code replay_generation} let the importer discard duplicates;
 * {@code recalled_source}, {@code recalled_message_id} and {@code recalled_generation} name the file it
 * received ({@code notice-<source>_<id>-g<generation>.csv} and the other layouts); {@code instruction} is
 * the code of what to do. No person is named: the rows point at what the authority already holds.
 */
public final class RecallCsv {
    public static final List<String> COLUMNS = List.of("recall_id", "replay_generation", "event", "instruction",
            "purpose", "recalled_source", "recalled_message_id", "recalled_generation");

    private final FormulaPolicy policy;

    public RecallCsv(FormulaPolicy policy) {
        this.policy = policy;
    }

    /** The header and one row per recalled message; a message that is not a well-formed recall is refused. */
    public String file(Bundle message, int replayGeneration) {
        RecallMessages.Recall recall = RecallMessages.read(message)
                .orElseThrow(() -> new IllegalArgumentException("not a well-formed recall message"));
        StringBuilder out = new StringBuilder(print(COLUMNS));
        for (RecallMessages.Recalled m : recall.messages()) {
            out.append(print(List.of(recall.recallId(), Integer.toString(replayGeneration), "recall",
                    RecallMessages.INSTRUCTION, recall.purpose() == null ? "" : recall.purpose(), m.source(),
                    m.messageId(), Integer.toString(m.generation())).stream().map(policy::apply).toList()));
        }
        return out.toString();
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
