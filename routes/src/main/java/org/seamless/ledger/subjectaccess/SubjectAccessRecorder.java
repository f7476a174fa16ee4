package org.seamless.ledger.subjectaccess;

import org.seamless.ledger.LedgerEvents;
import org.seamless.privacy.identify.Subject;
import org.seamless.privacy.ledger.EntryKind;
import org.seamless.privacy.ledger.JdbcLedger;
import org.seamless.privacy.ledger.LedgerEntry;
import org.seamless.privacy.record.SubjectIndex;

/** Records a subject access export in the ledger: kind SUBJECT_ACCESS, the export id, the digest of the Bundle. */
public class SubjectAccessRecorder {
    public static final String RECIPIENT = "data-subject";
    public static final String LEGAL_BASIS = "UK GDPR Art. 15 (right of access)";

    private final JdbcLedger ledger;
    private final SubjectIndex index;

    public SubjectAccessRecorder(JdbcLedger ledger, SubjectIndex index) {
        this.ledger = ledger;
        this.index = index;
    }

    public LedgerEntry exported(SubjectAccessData d, String format, String bundleDigest) {
        return ledger.append(new LedgerEntry(0, EntryKind.SUBJECT_ACCESS, d.exportId(), RECIPIENT, 0, "subject-access",
                LedgerEvents.HUB, index.indexOf(Subject.identified(d.nhsNumber())), "EXPORTED", null, "subject-access",
                LEGAL_BASIS, null, "exported as " + format + ": ledger entries " + d.ledger().size() + ", consents "
                + d.consents().size() + ", messages " + d.messages().size() + ", alerts " + d.alerts().size()
                + ", referrals " + d.referrals().size(), null, bundleDigest, d.generatedAt(), d.generatedAt(), null));
    }
}
