package org.seamless.privacy.ledger;

/** What a ledger entry records: a decision, a release to the recipient's address, or the recipient's acknowledgement. */
public enum EntryKind {
    /** The privacy chain's decision for one leg (release identifiable, pseudonymised, or withhold; overrides flagged). */
    DECISION,
    /** The released payload was published to the recipient's outbound address. */
    RELEASE,
    /** The recipient's system acknowledged the release: outcome DELIVERED or REFUSED. */
    ACKNOWLEDGEMENT
}
