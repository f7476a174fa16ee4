package org.seamless.mappings.validation;

import org.hl7.fhir.r4.model.Bundle;
import org.seamless.mappings.testdata.TestNotices;

/**
 * Warm UK Core validation time of one discharge notice bundle (a benchmark, not a test: it was a
 * timing loop inside {@code UkCoreValidationTest} that could not fail and cost the suite several
 * seconds). Run from the project root:
 * <pre>
 * ./mvnw -q -pl mappings test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.seamless.mappings.validation.UkCoreValidationBenchmark -Dexec.args=300
 * </pre>
 * Prints a {@code RESULT} line: milliseconds per validation after 50 warm-up validations.
 */
public final class UkCoreValidationBenchmark {
    private UkCoreValidationBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Bundle bundle = TestNotices.discharge(5L).bundle();
        for (int i = 0; i < 50; i++) {
            UkCoreValidation.validate(bundle);
        }
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            UkCoreValidation.validate(bundle);
        }
        double ms = (System.nanoTime() - start) / 1e6 / n;
        System.out.printf("RESULT validation=ukcore-discharge-notice iterations=%d ms_per_validation=%.2f%n", n, ms);
    }
}
