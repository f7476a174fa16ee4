package org.seamless.ledger.subjectaccess;

import java.time.Instant;
import java.util.List;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.ledger.LedgerEntry;

/**
 * Everything Seamless holds about one person, as read for a subject access export (UK GDPR Art. 15,
 * ADR 0070): the consent registry's records with their history, every ledger entry about the person
 * (decisions, releases with recipients, purposes and legal bases, acknowledgements, recalls, routing
 * reasons, alert-access queries, earlier exports), the inbound messages still kept, the social care
 * alerts held, and the referrals tracked for voluntary organisations.
 */
public record SubjectAccessData(String exportId, Instant generatedAt, NhsNumber nhsNumber,
                                List<ConsentRecord> consents, List<LedgerEntry> ledger, List<HeldMessage> messages,
                                List<Alert> alerts, List<Referral> referrals) {
    public SubjectAccessData {
        consents = List.copyOf(consents);
        ledger = List.copyOf(ledger);
        messages = List.copyOf(messages);
        alerts = List.copyOf(alerts);
        referrals = List.copyOf(referrals);
    }

    /** An inbound message the hub still keeps (for replay), as its sender sent it. */
    public record HeldMessage(String source, String messageId, String event, Instant receivedAt, String body) {
        @Override
        public String toString() {
            return "HeldMessage[source=" + source + ", messageId=" + messageId + ", event=" + event + "]";
        }
    }

    /** A social care alert (flag) the hub holds for answering pulls. */
    public record Alert(String flagIdentifier, String owner, String type, boolean active, String endDate,
                        String reviewDate, Instant updatedAt) {
    }

    /** A referral tracked for a voluntary organisation (sent or received) and its state. */
    public record Referral(String referralId, String agency, String role, String counterpart, String status,
                           String outcomeId, Instant updatedAt) {
    }
}
