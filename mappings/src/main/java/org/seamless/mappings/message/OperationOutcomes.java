package org.seamless.mappings.message;

import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.StringType;

/** Turns {@link MessageIssue}s into a FHIR {@link OperationOutcome}. */
public final class OperationOutcomes {
    private OperationOutcomes() {
    }

    /**
     * One OperationOutcome issue per message issue, in order. An empty list gives the single
     * {@code information}/{@code informational} issue FHIR requires (an OperationOutcome needs one issue).
     */
    public static OperationOutcome from(List<MessageIssue> issues) {
        OperationOutcome outcome = new OperationOutcome();
        if (issues.isEmpty()) {
            outcome.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL)
                    .setDiagnostics("No issues found");
            return outcome;
        }
        for (MessageIssue issue : issues) {
            OperationOutcome.OperationOutcomeIssueComponent c = outcome.addIssue()
                    .setSeverity(issue.severity())
                    .setCode(issue.code())
                    .setDiagnostics(issue.diagnostics());
            if (issue.location() != null) {
                c.getExpression().add(new StringType(issue.location()));
            }
        }
        return outcome;
    }

    /** True when any issue is error or fatal. */
    public static boolean hasErrors(List<MessageIssue> issues) {
        return issues.stream().anyMatch(MessageIssue::isError);
    }
}
