package org.seamless.mappings.validation;

import java.util.List;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.testdata.TestNotices;

/**
 * Benchmark (not a test): messages per second per thread for HAPI's full UK Core profile validation
 * and for the shape-cached {@link ProfiledMessageValidator}, on notices for different people.
 * Run: {@code ./mvnw -q -pl mappings test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.seamless.mappings.validation.ValidationBench}
 */
public final class ValidationBench {
    private ValidationBench() {
    }

    public static void main(String[] args) {
        int fullN = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int fastN = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        SeamlessEvent[] events = {SeamlessEvent.ADMISSION_NOTICE, SeamlessEvent.ASSESSMENT_NOTICE,
                SeamlessEvent.DISCHARGE_NOTICE, SeamlessEvent.WITHDRAWAL_NOTICE};
        List<Bundle> messages = IntStream.range(0, Math.max(fullN, fastN))
                .mapToObj(i -> TestNotices.notice(events[i % events.length], 100_000 + i).bundle()).toList();
        // warm-up: load and snapshot the profiles, JIT both paths
        messages.subList(0, 50).forEach(ProfiledMessageValidator::fullValidation);
        ProfiledMessageValidator fast = new ProfiledMessageValidator(10_000);
        messages.subList(0, 200).forEach(fast::validate);

        long t0 = System.nanoTime();
        long errors = messages.subList(0, fullN).stream().filter(m -> !ProfiledMessageValidator.fullValidation(m).isEmpty()).count();
        double fullRate = fullN / ((System.nanoTime() - t0) / 1e9);

        long fullBefore = fast.fullValidations();
        long t1 = System.nanoTime();
        long fastErrors = messages.subList(0, fastN).stream().filter(m -> !fast.validate(m).isEmpty()).count();
        double fastRate = fastN / ((System.nanoTime() - t1) / 1e9);

        System.out.printf("full profile validation : %8.1f messages/s per thread (%d messages, %d with errors)%n",
                fullRate, fullN, errors);
        System.out.printf("shape-cached validation : %8.1f messages/s per thread (%d messages, %d with errors, %d sent to"
                + " the full validator)%n", fastRate, fastN, fastErrors, fast.fullValidations() - fullBefore);
    }
}
