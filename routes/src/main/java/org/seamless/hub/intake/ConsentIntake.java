package org.seamless.hub.intake;

import java.util.List;
import org.seamless.hub.consent.ConsentReceipts;
import org.seamless.hub.ConsentUpdates;
import org.seamless.hub.HubRecalls;
import org.seamless.hub.Leg;
import org.seamless.mappings.canonical.FieldProblemException;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.identify.Subject;

/**
 * A consent or objection update: applied to the consent registry, with a receipt for the submitter of
 * whether it was applied or refused; its only legs are the recalls of what recipients received under a
 * basis it removed (ADR 0069).
 */
public final class ConsentIntake implements FamilyIntake {
    private final RecipientLegs legs;
    private final ConsentUpdates consentUpdates;
    private final ConsentReceipts consentReceipts;
    private final HubRecalls recalls;

    /** {@code consentReceipts} may be null: no receipts are kept; {@code recalls} may be null: nothing is recalled. */
    public ConsentIntake(RecipientLegs legs, ConsentUpdates consentUpdates, ConsentReceipts consentReceipts,
                         HubRecalls recalls) {
        this.recalls = recalls;
        this.legs = legs;
        this.consentUpdates = consentUpdates;
        this.consentReceipts = consentReceipts;
    }

    @Override
    public boolean handles(SeamlessEvent event) {
        return event == SeamlessEvent.CONSENT_UPDATE;
    }

    @Override
    public List<Leg> legs(IntakeMessage in) {
        Subject subject = legs.identify(in); // why: chain stage 1 refuses a message about nobody, as for every family
        List<ConsentRecord> applied;
        try {
            applied = consentUpdates.applyAll(in.message(), in.source().id());
        } catch (RuntimeException e) {
            if (consentReceipts != null) {
                consentReceipts.refused(in.messageId(), in.source().id(), refusalCode(e),
                        "the consent could not be applied to the consent registry");
            }
            throw e;
        }
        if (consentReceipts != null) {
            consentReceipts.applied(in.messageId(), in.source().id());
        }
        // why: a withdrawal or objection recalls what recipients received under the basis it removed (ADR 0069)
        return recalls == null ? List.of() : recalls.legs(subject, applied, in.source(), in.messageId());
    }

    /** A stable code for a consent-update the hub could not apply; never the exception's text (it may quote data). */
    private static String refusalCode(RuntimeException e) {
        return e instanceof FieldProblemException f && f.code() != null ? f.code() : "not-applied";
    }
}
