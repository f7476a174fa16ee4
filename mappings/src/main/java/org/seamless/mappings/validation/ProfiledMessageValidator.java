package org.seamless.mappings.validation;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.seamless.mappings.message.MessageIssue;

/**
 * Validates inbound messages against base R4 and UK Core with the verdicts of HAPI's profile
 * validator at a fraction of its cost. The full validator judges the first message of each shape
 * ({@link ShapeSignature}); a shape it found free of errors is remembered (bounded, least recently
 * used first out), and later messages of that shape need only the value-dependent invariants
 * ({@link ValueInvariants}). Messages without a shape, and every message of a shape that had
 * errors, get the full validator. {@code ValidationDifferentialTest} proves the verdicts equal.
 */
public final class ProfiledMessageValidator {
    private final Map<String, Boolean> validShapes;
    private final AtomicLong fast = new AtomicLong();
    private final AtomicLong full = new AtomicLong();

    public ProfiledMessageValidator(int maxShapes) {
        this.validShapes = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > maxShapes;
            }
        };
    }

    /** Error-level issues; empty when the message conforms. Does not modify the message. */
    public List<MessageIssue> validate(Bundle message) {
        Bundle profiled = UkCoreProfiles.declared(message);
        Optional<String> shape = ShapeSignature.of(profiled);
        if (shape.isPresent() && known(shape.get())) {
            fast.incrementAndGet();
            return ValueInvariants.check(profiled);
        }
        full.incrementAndGet();
        List<MessageIssue> errors = fullValidation(profiled);
        if (errors.isEmpty() && shape.isPresent()) {
            remember(shape.get());
        }
        return errors;
    }

    /** Full HAPI profile validation, errors only, messages scrubbed of quoted values. */
    public static List<MessageIssue> fullValidation(Bundle message) {
        ValidationResult result = UkCoreValidation.validate(UkCoreProfiles.declared(message));
        return result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(ProfiledMessageValidator::issue)
                .toList();
    }

    private static MessageIssue issue(SingleValidationMessage m) {
        // why: validator messages quote the offending value, which may be personal data
        String text = m.getMessage() == null ? "invalid" : m.getMessage().replaceAll("'[^']*'", "'…'")
                .replaceAll("\"[^\"]*\"", "\"…\"");
        return MessageIssue.error(IssueType.PROCESSING, m.getLocationString(), text);
    }

    private synchronized boolean known(String shape) {
        return validShapes.get(shape) != null;
    }

    private synchronized void remember(String shape) {
        validShapes.put(shape, Boolean.TRUE);
    }

    /** Messages judged by shape and value invariants only. */
    public long fastValidations() {
        return fast.get();
    }

    /** Messages given to the full profile validator. */
    public long fullValidations() {
        return full.get();
    }
}
