package org.seamless.hub.intake;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.seamless.hub.HomeFromHospitalReferrals;
import org.seamless.hub.Leg;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.privacy.identify.Subject;

/**
 * Care Act notices (admission, assessment, discharge, withdrawal): to the recipients the routing rules
 * give (the LA of residence, or the trust's host LA), plus the home-from-hospital referrals a discharge
 * notice derives. Also the hub's fallback for an event no other family claims: it is routed by the rules.
 */
public final class NoticeIntake implements FamilyIntake {
    private static final Set<SeamlessEvent> NOTICES = EnumSet.of(SeamlessEvent.ADMISSION_NOTICE,
            SeamlessEvent.ASSESSMENT_NOTICE, SeamlessEvent.DISCHARGE_NOTICE, SeamlessEvent.WITHDRAWAL_NOTICE);
    private final RecipientLegs legs;
    private final HomeFromHospitalReferrals derived;

    public NoticeIntake(RecipientLegs legs, HomeFromHospitalReferrals derived) {
        this.legs = legs;
        this.derived = derived;
    }

    @Override
    public boolean handles(SeamlessEvent event) {
        return NOTICES.contains(event);
    }

    @Override
    public List<Leg> legs(IntakeMessage in) {
        Subject subject = legs.identify(in);
        legs.keep(in);
        List<Leg> out = new ArrayList<>(legs.toRecipients(in, subject));
        out.addAll(derived.legs(in.event(), in.message(), in.source(), subject, in.generation()));
        return out;
    }
}
