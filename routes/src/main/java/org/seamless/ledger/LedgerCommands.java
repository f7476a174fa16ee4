package org.seamless.ledger;

import java.io.PrintStream;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.seamless.privacy.ledger.Checkpoint;
import org.seamless.privacy.ledger.CheckpointKeys;
import org.seamless.privacy.ledger.CheckpointStore;
import org.seamless.privacy.ledger.LedgerVerifier;
import org.seamless.privacy.ledger.VerificationResult;
import org.springframework.context.ApplicationContext;

/**
 * The ledger's command-line tools, run by {@link LedgerCommandApplication}: {@code ledger-verify}
 * (exit 0 when intact, 2 when broken, printing the first broken entry and why) and
 * {@code ledger-report --nhs-number=...} (the person's disclosure report as JSON, or with
 * {@code --format=fhir} a Bundle of AuditEvents).
 */
public final class LedgerCommands {
    public static final String COMMAND_ARG = "--seamless.command=";

    private LedgerCommands() {
    }

    /** Runs the command named in {@code args}; returns the exit code. */
    public static int run(ApplicationContext ctx, String[] args, PrintStream out, PrintStream err) {
        String command = arg(args, COMMAND_ARG).orElse("");
        try {
            return switch (command) {
                case "ledger-verify" -> verify(ctx, out);
                case "ledger-report" -> report(ctx, args, out, err);
                default -> {
                    err.println("unknown command '" + command + "': use ledger-verify or ledger-report --nhs-number=...");
                    yield 64;
                }
            };
        } catch (CheckpointStore.CheckpointException e) {
            out.println("ledger BROKEN: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("ledger command failed: " + e.getClass().getSimpleName());
            return 1;
        }
    }

    private static int verify(ApplicationContext ctx, PrintStream out) throws Exception {
        CheckpointStore store = ctx.getBean(CheckpointStore.class);
        var published = store.dir().resolve(CheckpointKeys.PUBLIC_KEY_FILE);
        var key = java.nio.file.Files.exists(published) ? CheckpointKeys.readPublic(published)
                : ctx.getBean(KeyPair.class).getPublic();
        List<Checkpoint> checkpoints = store.readVerified(key);
        VerificationResult result = ctx.getBean(LedgerVerifier.class).verify(checkpoints);
        out.println(result.describe());
        return result.intact() ? 0 : 2;
    }

    private static int report(ApplicationContext ctx, String[] args, PrintStream out, PrintStream err) throws Exception {
        Optional<String> number = arg(args, "--nhs-number=");
        SubjectReports reports = ctx.getBean(SubjectReports.class);
        var report = number.flatMap(reports::forNhsNumber);
        if (report.isEmpty()) {
            err.println("--nhs-number=<a valid NHS number> is required");
            return 64;
        }
        if (arg(args, "--format=").filter("fhir"::equals).isPresent()) {
            out.println(reports.asFhirJson(report.get(), number.get()));
        } else {
            out.println(new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
                    .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .writerWithDefaultPrettyPrinter().writeValueAsString(java.util.Map.of(
                            "disclosures", report.get().disclosures(), "withheld", report.get().withheld())));
        }
        return 0;
    }

    static Optional<String> arg(String[] args, String prefix) {
        return Arrays.stream(args).filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length())).findFirst();
    }
}
