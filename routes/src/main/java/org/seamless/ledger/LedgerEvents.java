package org.seamless.ledger;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.hub.residence.RoutingReason;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.privacy.identify.Subject;
import org.seamless.privacy.identify.SubjectIdentifier;
import org.seamless.privacy.ledger.EntryKind;
import org.seamless.privacy.ledger.JdbcLedger;
import org.seamless.privacy.ledger.LedgerEntry;
import org.seamless.privacy.notshared.NotSharedDecisionEngine;
import org.seamless.privacy.notshared.NotSharedRegister;
import org.seamless.privacy.record.SubjectIndex;

/**
 * Ledger entries for what is not a leg of the privacy chain but is still a decision or a disclosure
 * about a person: the routing reason of a residence-routed message (ADR 0062), a council's query of
 * who accessed its alerts, a subject access export, and what the hub did on an identity event (an NHS number
 * change links the old subject to the new, a death or an address change says what was ended or re-routed,
 * ADR 0084). Each is chained and verified like every entry.
 */
public class LedgerEvents {
    /** Source of entries the hub itself originates (an export, an answer from its own tables). */
    public static final String HUB = "seamless-hub";
    public static final String ALERT_QUERY_EVENT = "alert-access-query";
    public static final String ALERT_QUERY_BASIS = "Care Act 2014 s42; Children Act 2004 s11; UK GDPR Art. 6(1)(e),"
            + " 9(2)(h): the owning authority's record of who saw its alerts";

    public static final String IDENTITY_BASIS = "UK GDPR Art. 5(1)(d) accuracy: the hub keeps what it holds about a person"
            + " in step with the Personal Demographics Service's identity events";

    private final JdbcLedger ledger;
    private final SubjectIndex index;
    private final Clock clock;
    private final SubjectIdentifier identifier = new SubjectIdentifier();

    public LedgerEvents(JdbcLedger ledger, SubjectIndex index, Clock clock) {
        this.ledger = ledger;
        this.index = index;
        this.clock = clock;
    }

    /**
     * Why a residence-routed message went to this local authority; once per (source, message, recipient,
     * generation). Joins the calling thread's ledger batch when one is open (the hub's inbound step, ADR 0093).
     */
    public void routing(String source, String messageId, String recipient, int generation, RoutingReason reason,
                               Bundle message) {
        Subject subject = identifier.identify(message);
        var now = LedgerEntry.stored(clock.instant());
        String why = reason.fallback()
                ? "fallback: the residence could not be resolved (" + reason.code() + "); routed to the sending trust's host authority"
                : "routed to the local authority of residence, resolved by " + reason.code();
        ledger.appendOrDefer(new LedgerEntry(0, EntryKind.ROUTING, messageId, recipient, generation,
                MessageBundles.event(message).map(e -> e.code()).orElse(null), source, index.indexOf(subject),
                reason.code(), null, null, null, null, why, null, null, now, now, null));
    }

    /** A council asked who accessed its alerts about a person, and was answered with {@code rows} accesses. */
    public LedgerEntry alertAccessQuery(String council, NhsNumber nhs, int rows, String answerDigest) {
        var now = LedgerEntry.stored(clock.instant());
        return ledger.append(new LedgerEntry(0, EntryKind.ALERT_ACCESS_QUERY, "alert-query-" + UUID.randomUUID(),
                council, 0, ALERT_QUERY_EVENT, HUB, index.indexOf(Subject.identified(nhs)), "ANSWERED", null,
                "safeguarding", ALERT_QUERY_BASIS, null, null, rows == 0 ? null : "AlertAccess", answerDigest, now, now,
                null));
    }

    /**
     * An NHS number change (ADR 0084): a SUBJECT_LINK entry under the new number's index naming the old number's,
     * so every entry made under the old number stays as it was and is still found for the person. Once per event.
     */
    public LedgerEntry subjectLink(String eventId, String eventType, NhsNumber oldNumber, NhsNumber newNumber,
                                   String detail) {
        var now = LedgerEntry.stored(clock.instant());
        return ledger.append(new LedgerEntry(0, EntryKind.SUBJECT_LINK, eventId, HUB, 0, eventType, HUB,
                index.indexOf(Subject.identified(newNumber)), "LINKED", null, "identity", IDENTITY_BASIS, null, detail,
                null, null, now, now, null, null, index.indexOf(Subject.identified(oldNumber))));
    }

    /** What the hub did on a death or demographic change event about the person (ADR 0084). Once per event. */
    public LedgerEntry identityEvent(String eventId, String eventType, NhsNumber person, String outcome, String detail) {
        var now = LedgerEntry.stored(clock.instant());
        return ledger.append(new LedgerEntry(0, EntryKind.IDENTITY_EVENT, eventId, HUB, 0, eventType, HUB,
                index.indexOf(Subject.identified(person)), outcome, null, "identity", IDENTITY_BASIS, null, detail,
                null, null, now, now, null));
    }

    /**
     * A council or trust recorded a decision not to share an item about the person (ADR 0082): one NOT_SHARED
     * entry per named recipient, or one for {@code all-recipients}. The entry names the item and the decider's
     * role; the name and the reason stay in the decision record, whose digest the entry carries.
     */
    public List<LedgerEntry> notShared(org.seamless.hub.notshared.NotSharedDecisions.Recorded d) {
        var now = LedgerEntry.stored(clock.instant());
        List<String> to = d.recipients().isEmpty() ? List.of(NotSharedRegister.ALL) : d.recipients();
        String item = d.itemKey().substring(d.itemKey().indexOf('|') + 1);
        String what = "decision " + d.id() + " not to share item " + item + ", decided by a " + d.deciderRole();
        return to.stream().map(r -> ledger.append(new LedgerEntry(0, EntryKind.NOT_SHARED, "not-shared-" + d.id(), r, 0,
                null, d.recordedBy(), d.subjectIndex(), "NOT_SHARED", NotSharedDecisionEngine.RULE_ID, "safeguarding",
                NotSharedDecisionEngine.LEGAL_BASIS, null, what.length() > 400 ? what.substring(0, 400) : what, null,
                d.digest(), now, now, null))).toList();
    }
}
