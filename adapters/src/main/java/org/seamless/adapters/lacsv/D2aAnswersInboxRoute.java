package org.seamless.adapters.lacsv;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.files.InboxGuard;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.mappings.d2a.D2aAnswerCsv;
import org.seamless.mappings.d2a.D2aMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up {@code d2a-answers-*.csv} files (a council's discharge to assess answers: acknowledgement,
 * assessment outcome, care in place, care arranged; ADR 0060) from the LA's inbox. Each good row
 * becomes the canonical FHIR answer handed to the inbound gate; a bad row is kept and listed in
 * {@code <file>.rejects.csv} with its line, column and reason, beside {@code <file>.summary.csv}.
 */
public class D2aAnswersInboxRoute extends RouteBuilder {
    static final String EDGE = "la-csv-d2a-answers";
    private static final Logger log = LoggerFactory.getLogger(D2aAnswersInboxRoute.class);

    private final AgencyConfig agency;
    private final AdapterContext context;

    public D2aAnswersInboxRoute(AgencyConfig agency, AdapterContext context) {
        this.agency = agency;
        this.context = context;
    }

    @Override
    public void configure() {
        String inbox = agency.adapter().requiredParam(LaCsvAdapterType.INBOX);
        Path inboxDir = Path.of(inbox);
        from(InboxGuard.endpoint(getContext(), agency.id(), inbox, "d2a-answers-.*\\.csv", ConsentInboxRoute.FOLDER_HEADER))
                .routeId("adapter-" + agency.id() + "-csv-d2a-answers")
                .process(e -> importOne(e, inboxDir));
    }

    private void importOne(Exchange e, Path inboxDir) throws IOException {
        Path file = InboxGuard.file(e);
        String name = file.getFileName().toString();
        Path staging = inboxDir.resolve(".reports");
        ConsentImportResult r = ConsentRejects.withReports(file, staging, rejects -> run(file, rejects));
        Path target = inboxDir.resolve(r.folder());
        Files.createDirectories(target);
        for (String suffix : new String[] {".rejects.csv", ".summary.csv"}) {
            Files.move(staging.resolve(name + suffix), target.resolve(name + suffix), StandardCopyOption.REPLACE_EXISTING);
        }
        e.getMessage().setHeader(ConsentInboxRoute.FOLDER_HEADER, r.folder());
        log.info("d2a answers file {} from agency {}: {} rows read, {} accepted ({} already applied), {} rejected,"
                + " {} refused by the gate{}", name, agency.id(), r.rowsRead(), r.accepted(), r.duplicates(),
                r.rejected(), r.refusedByGate(), r.applied() ? "" : ": " + r.reason());
    }

    private ConsentImportResult run(Path file, ConsentRejects rejects) throws IOException {
        String sha = java.util.HexFormat.of().formatHex(sha256(Files.readAllBytes(file)));
        List<D2aAnswerCsv.Row> rows;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (var reader = new InputStreamReader(Files.newInputStream(file), decoder)) {
            rows = D2aAnswerCsv.read(reader, agency.id());
        } catch (IllegalArgumentException | IOException | IllegalStateException | java.io.UncheckedIOException ex) {
            String reason = ex instanceof IllegalArgumentException ? ex.getMessage()
                    : "the file is not valid UTF-8 CSV";
            keep("bad-file", reason, Files.readString(file, StandardCharsets.ISO_8859_1));
            return new ConsentImportResult(sha, 0, 0, 0, 0, 0, false, "file rejected: " + reason);
        }
        long accepted = 0;
        long duplicates = 0;
        long rejected = 0;
        long refused = 0;
        for (D2aAnswerCsv.Row row : rows) {
            if (!row.ok()) {
                rejected++;
                String ref = keep("invalid-value", row.problem() + " (column " + row.problemColumn() + ", line "
                        + row.line() + ")", row.text());
                rejects.add(row.line(), "invalid-value", row.problem() + " (column " + row.problemColumn()
                        + "; kept as " + ref + ")");
                continue;
            }
            Bundle message = D2aMessages.build(row.answer());
            InboundGate.Admission a = context.gate().admit(new InboundGate.Submission(agency, EDGE, message,
                    row.text().getBytes(StandardCharsets.UTF_8), "text/csv"));
            if (a instanceof InboundGate.Accepted ok) {
                accepted++;
                duplicates += ok.duplicate() ? 1 : 0;
            } else if (a instanceof InboundGate.Rejected no) {
                refused++;
                rejects.add(row.line(), no.code(), "refused by the inbound gate: " + no.issues().stream()
                        .map(i -> i.diagnostics()).reduce((x, y) -> x + "; " + y).orElse(no.code())
                        + " (kept as " + no.reference() + ")");
            }
        }
        return new ConsentImportResult(sha, rows.size(), accepted, duplicates, rejected, refused, true,
                refused > 0 ? refused + " rows refused by the gate" : null);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private String keep(String code, String reason, String text) {
        return context.rejected().keep(new RejectedInputStore.Rejection(agency.id(), EDGE, code, reason, null,
                "text/csv", text.getBytes(StandardCharsets.UTF_8)));
    }
}
