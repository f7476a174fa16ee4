package org.seamless.hub.intake;

import java.util.List;
import org.seamless.hub.Leg;
import org.seamless.mappings.canonical.SeamlessEvent;

/** Referrals and their outcomes (voluntary sector): to the recipients the routing rules give. */
public final class ReferralIntake implements FamilyIntake {
    private final RecipientLegs legs;

    public ReferralIntake(RecipientLegs legs) {
        this.legs = legs;
    }

    @Override
    public boolean handles(SeamlessEvent event) {
        return event == SeamlessEvent.REFERRAL || event == SeamlessEvent.REFERRAL_OUTCOME;
    }

    @Override
    public List<Leg> legs(IntakeMessage in) {
        var subject = legs.identify(in);
        legs.keep(in);
        return legs.toRecipients(in, subject);
    }
}
