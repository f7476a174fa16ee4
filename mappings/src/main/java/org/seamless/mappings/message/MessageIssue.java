package org.seamless.mappings.message;

import java.util.Objects;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * One problem found in a message. {@code location} is a FHIRPath-like path such as
 * {@code Bundle.entry[0].resource.id}; {@code diagnostics} names the rule broken and never
 * repeats a value from the message.
 */
public record MessageIssue(IssueSeverity severity, IssueType code, String location, String diagnostics) {

    public MessageIssue {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(diagnostics, "diagnostics");
    }

    /** An error-level issue. */
    public static MessageIssue error(IssueType code, String location, String diagnostics) {
        return new MessageIssue(IssueSeverity.ERROR, code, location, diagnostics);
    }

    /** A fatal issue: the input cannot be read as a message at all. */
    public static MessageIssue fatal(IssueType code, String location, String diagnostics) {
        return new MessageIssue(IssueSeverity.FATAL, code, location, diagnostics);
    }

    /** True for {@code error} and {@code fatal}: the message must be rejected. */
    public boolean isError() {
        return severity == IssueSeverity.ERROR || severity == IssueSeverity.FATAL;
    }
}
