package org.seamless.ops.console.ig;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.seamless.ledger.LedgerVerificationJob;
import org.seamless.ledger.SubjectReports;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.ConsentRegistry;
import org.seamless.privacy.ledger.Checkpoint;
import org.seamless.app.security.web.OperatorActions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What the IG page does (ADR 0053): a person's disclosure report and consent history by NHS number, each
 * search recorded in the operations audit with the person searching and never the number (as
 * {@code POST /api/ig/disclosures} does), and the ledger's verification status with its latest signed
 * checkpoint. The number is checked by Modulus 11 before anything is read; it is never logged here.
 */
@Component
public class IgConsole {
    public static final String REPORT_ACTION = "console-disclosure-report";
    public static final String CONSENT_ACTION = "console-consent-history";
    public static final String PDF_ACTION = "console-disclosure-pdf";

    private final SubjectReports reports;
    private final ConsentRegistry consents;
    private final OperatorActions actions;
    private final ObjectProvider<LedgerVerificationJob> verification;
    private final Clock clock;
    private ObjectProvider<org.seamless.hub.notshared.NotSharedDecisions> notShared;

    /** Who decided not to share, in which role and why (ADR 0082), for the report's NOT_SHARED lines. */
    @org.springframework.beans.factory.annotation.Autowired
    void notSharedDecisions(ObjectProvider<org.seamless.hub.notshared.NotSharedDecisions> notShared) {
        this.notShared = notShared;
    }

    public IgConsole(SubjectReports reports, ConsentRegistry consents, OperatorActions actions,
                     ObjectProvider<LedgerVerificationJob> verification, Clock clock) {
        this.reports = reports;
        this.consents = consents;
        this.actions = actions;
        this.verification = verification;
        this.clock = clock;
    }

    /** A report: when it was made and its lines; the number stays with the caller. */
    public record Report(Instant generatedAt, List<DisclosureLines.Line> lines) {
    }

    /** The person's report, or empty (recorded as a bad request) when the number fails Modulus 11. */
    public Optional<Report> disclosures(String nhsNumber, String action) {
        var report = valid(nhsNumber).flatMap(n -> reports.forNhsNumber(n.value()));
        actions.record(action, null, report.isPresent() ? "reported" : "bad-request");
        return report.map(r -> new Report(clock.instant(), DisclosureLines.of(r, this::notSharedDetail)));
    }

    private String notSharedDetail(String messageId) {
        var decisions = notShared == null ? null : notShared.getIfAvailable();
        if (decisions == null || !messageId.startsWith("not-shared-")) {
            return null;
        }
        return decisions.byId(messageId.substring("not-shared-".length())).map(d -> "Item "
                + d.itemKey().substring(d.itemKey().indexOf('|') + 1) + ". Decided by " + d.decidedBy() + " ("
                + d.deciderRole() + "), recorded by " + d.recordedBy() + ": " + d.reason()).orElse(null);
    }

    /** Every consent and objection state recorded for the person, oldest first, or empty for an invalid number. */
    public Optional<List<ConsentRecord>> consentHistory(String nhsNumber) {
        Optional<NhsNumber> n = valid(nhsNumber);
        actions.record(CONSENT_ACTION, null, n.isPresent() ? "reported" : "bad-request");
        return n.map(number -> consents.history(number).stream()
                .sorted(java.util.Comparator.comparing(ConsentRecord::recordedAt)).toList());
    }

    /** The last verification in this process and the latest signed checkpoint (no personal data). */
    public record LedgerStatus(Optional<LedgerVerificationJob.Verified> verified, Optional<Checkpoint> checkpoint,
                               boolean available) {
    }

    public LedgerStatus ledgerStatus() {
        LedgerVerificationJob job = verification.getIfAvailable();
        return job == null ? new LedgerStatus(Optional.empty(), Optional.empty(), false)
                : new LedgerStatus(job.last(), job.latestCheckpoint(), true);
    }

    /** Verifies the chain now (an IG lead's or auditor's button), recorded as an action. */
    public LedgerStatus verifyNow() {
        LedgerVerificationJob job = verification.getIfAvailable();
        if (job != null) {
            var result = job.verifyNow();
            actions.record("console-ledger-verify", null, result.intact() ? "intact" : "broken");
        }
        return ledgerStatus();
    }

    /** What is wrong with a typed NHS number, in words for the form (never repeating it), or empty when valid. */
    public static Optional<String> problem(String raw) {
        try {
            NhsNumber.parse(raw);
            return Optional.empty();
        } catch (org.seamless.mappings.canonical.InvalidNhsNumberException e) {
            return Optional.of(switch (e.reason()) {
                case MISSING -> "Enter an NHS number.";
                case NOT_TEN_DIGITS -> "An NHS number is 10 digits (spaces are allowed).";
                case CHECK_DIGIT -> "This is not a valid NHS number: its check digit does not match. Check the digits.";
            });
        }
    }

    /** Spaces and hyphens as people type them are allowed; anything else must be ten digits passing Modulus 11. */
    static Optional<NhsNumber> valid(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String digits = raw.replace(" ", "").replace("-", "");
        return digits.length() > 10 ? Optional.empty() : NhsNumber.tryParse(digits);
    }
}
