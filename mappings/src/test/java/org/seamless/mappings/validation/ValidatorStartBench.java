package org.seamless.mappings.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNotices;

/**
 * Benchmark (not a test): what a fresh JVM spends to build the UK Core validator and judge its first
 * messages, with the snapshots the build ships ({@code shipped}) or generating them as before
 * ({@code sources}); wall time and the process's CPU time (the fair figure on a shared machine).
 * One JVM per mode (ADR 0059). Run after {@code ./mvnw -q -o -pl mappings test-compile}:
 * {@code java -XX:TieredStopAtLevel=1 -cp "mappings/target/test-classes:mappings/target/classes:$(cat cp.txt)"
 * org.seamless.mappings.validation.ValidatorStartBench shipped|sources} with {@code cp.txt} from
 * {@code ./mvnw -q -o -pl mappings dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class ValidatorStartBench {
    private ValidatorStartBench() {
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "shipped";
        FhirContext ctx = FhirContexts.r4();
        MessageBundles.parse("{\"resourceType\":\"Bundle\",\"type\":\"message\"}"); // the FHIR model itself, not measured
        long w0 = System.nanoTime();
        long c0 = cpu();
        List<IBaseResource> conformance = switch (mode) {
            case "shipped" -> UkCoreSnapshots.shipped(ctx).orElseThrow(() -> new IllegalStateException("no shipped set"));
            case "sources" -> UkCoreSnapshots.sources(ctx);
            default -> throw new IllegalArgumentException("mode: shipped or sources");
        };
        long w1 = System.nanoTime();
        long c1 = cpu();
        FhirValidator validator = UkCoreValidation.buildValidator(ctx, UkCoreValidation.buildChain(ctx, conformance));
        validator.validateWithResult(MessageBundles.parse("{\"resourceType\":\"Bundle\",\"type\":\"message\"}"));
        long w2 = System.nanoTime();
        long c2 = cpu();
        long errors = validator.validateWithResult(UkCoreProfiles.declared(
                TestNotices.notice(SeamlessEvent.DISCHARGE_NOTICE, 7).bundle())).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ca.uhn.fhir.validation.ResultSeverityEnum.ERROR.ordinal()).count();
        long w3 = System.nanoTime();
        long c3 = cpu();
        System.out.printf("%s: conformance load %d ms (cpu %d ms), validator + warm-up %d ms (cpu %d ms),"
                        + " first notice %d ms (cpu %d ms, %d errors); total %d ms, cpu %d ms%n",
                mode, ms(w1 - w0), ms(c1 - c0), ms(w2 - w1), ms(c2 - c1), ms(w3 - w2), ms(c3 - c2), errors,
                ms(w3 - w0), ms(c3 - c0));
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
