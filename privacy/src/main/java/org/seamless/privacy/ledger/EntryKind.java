package org.seamless.privacy.ledger;

/** What a ledger entry records: a decision, a release, the recipient's acknowledgement, or a recall (or why not). */
public enum EntryKind {
    /** The privacy chain's decision for one leg (release identifiable, pseudonymised, or withhold; overrides flagged). */
    DECISION,
    /** The released payload was published to the recipient's outbound address. */
    RELEASE,
    /** The recipient's system acknowledged the release: outcome DELIVERED or REFUSED. */
    ACKNOWLEDGEMENT,
    /**
     * A release recalled (ADR 0069): keyed by the recalled message, source, recipient and generation, so
     * a release is recalled at most once; outcome RECALLED; the override reason names the recall message.
     */
    RECALL,
    /**
     * A release a withdrawal or objection concerned that is not recalled because its basis did not
     * rest on consent (a statutory flow); outcome STATUTORY_BASIS; the override reason says why.
     */
    NOT_RECALLED,
    /**
     * Why a residence-routed message went to its local authority (ADR 0062): outcome the reason code
     * (e.g. {@code postcode}, {@code fallback-unknown-postcode}); the override reason says it in words.
     */
    ROUTING,
    /** A council asked who accessed its alerts about a person, and was answered: outcome ANSWERED. */
    ALERT_ACCESS_QUERY,
    /** A subject access export (UK GDPR Art. 15) was made for the person by an IG lead: outcome EXPORTED. */
    SUBJECT_ACCESS,
    /**
     * The person's NHS number was replaced (an NHS number change event, ADR 0084): the entry's subject index is
     * the new number's, {@code linkedSubject} the old number's; outcome LINKED. Entries are never rewritten:
     * subject queries follow these links in both directions.
     */
    SUBJECT_LINK,
    /**
     * What the hub did on a death or demographic change event about the person (ADR 0084): outcome
     * DECEASED or ADDRESS_CHANGED; the override reason says what was ended, cancelled or re-routed.
     */
    IDENTITY_EVENT,
    /**
     * A council or trust recorded a decision not to share an item about the person (ADR 0082): one entry
     * per named recipient ({@code all-recipients} when none is named); outcome NOT_SHARED; the override
     * reason names the item and the decider's role; the payload digest is the digest of the full decision
     * record (who decided and why), which the hub keeps beside the ledger.
     */
    NOT_SHARED
}
