package org.seamless.adapters.lacsv;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The rejects file of a consents or responses import ({@code line,code,reason}: reasons name the column
 * and rule, never a value): each line that was not applied, once; a line the inbound gate refused has the
 * gate's code and a reason starting "refused by the inbound gate" (as in an alert extract's). Written to a temporary file and moved beside the input when the import ends.
 */
final class ConsentRejects implements Closeable {
    private final Path temp;
    private final CSVPrinter printer;

    ConsentRejects(Path dir) throws IOException {
        Files.createDirectories(dir);
        this.temp = Files.createTempFile(dir, ".rejects-", ".csv");
        Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
        this.printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("line", "code", "reason").get());
    }

    void add(long line, String code, String reason) throws IOException {
        printer.printRecord(line, code, reason);
    }

    /** Closes the file and moves it to {@code target}. */
    void publish(Path target) throws IOException {
        close();
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }

    /** Removes the temporary file if it was not published. */
    void discard() throws IOException {
        close();
        Files.deleteIfExists(temp);
    }

    /** One pass over a file that writes rejects as it goes. */
    interface Pass {
        ConsentImportResult run(ConsentRejects rejects) throws IOException;
    }

    /**
     * Runs {@code pass} over {@code file}, then publishes {@code <name>.rejects.csv} and writes
     * {@code <name>.summary.csv} into {@code reportDir}; on failure the partial rejects are discarded.
     */
    static ConsentImportResult withReports(Path file, Path reportDir, Pass pass) throws IOException {
        String name = file.getFileName().toString();
        ConsentRejects rejects = new ConsentRejects(reportDir);
        ConsentImportResult result;
        try {
            result = pass.run(rejects);
            rejects.publish(reportDir.resolve(name + ".rejects.csv"));
        } catch (IOException | RuntimeException e) {
            rejects.discard();
            throw e;
        }
        writeSummary(reportDir.resolve(name + ".summary.csv"), name, result);
        return result;
    }

    static void writeSummary(Path target, String fileName, ConsentImportResult r) throws IOException {
        try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(target, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader("file", "sha256", "rows_read", "accepted", "duplicates",
                        "rejected", "refused_by_gate", "outcome", "reason").get())) {
            p.printRecord(fileName, r.sha256(), r.rowsRead(), r.accepted(), r.duplicates(), r.rejected(), r.refusedByGate(),
                    r.applied() ? "applied" : "rejected", r.reason() == null ? "" : r.reason());
        }
    }
}
