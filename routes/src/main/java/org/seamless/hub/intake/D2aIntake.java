package org.seamless.hub.intake;

import java.util.List;
import org.seamless.hub.d2a.D2aHub;
import org.seamless.hub.d2aclock.StayClocks;
import org.seamless.hub.Leg;
import org.seamless.hub.UnroutableMessageException;
import org.seamless.mappings.canonical.SeamlessEvent;

/**
 * The discharge to assess family (ADR 0060): legs from {@link D2aHub}; the stay records for the delay
 * measure and the clocks are kept as the events pass.
 */
public final class D2aIntake implements FamilyIntake {
    private final RecipientLegs legs;
    private final D2aHub dischargeToAssess;
    private volatile StayClocks stayClocks;

    /** {@code dischargeToAssess} may be null: these events are then unroutable. */
    public D2aIntake(RecipientLegs legs, D2aHub dischargeToAssess) {
        this.legs = legs;
        this.dischargeToAssess = dischargeToAssess;
    }

    /** Keeps the discharge to assess stay records for the delay measure and clocks as events pass (optional). */
    public void setStayClocks(StayClocks stayClocks) {
        this.stayClocks = stayClocks;
    }

    @Override
    public boolean handles(SeamlessEvent event) {
        return D2aHub.handles(event);
    }

    @Override
    public List<Leg> legs(IntakeMessage in) {
        var subject = legs.identify(in);
        legs.keep(in);
        if (dischargeToAssess == null) {
            throw new UnroutableMessageException("discharge to assess events are not handled by this hub");
        }
        List<Leg> d2aLegs = dischargeToAssess.legs(in.event(), in.source(), in.message(), subject, in.generation());
        StayClocks clocks = stayClocks;
        if (clocks != null) {
            // why: the delay measure and the clocks are kept from the events as they pass, keyed by council
            clocks.observeSafely(in.event(), in.message(), in.source(), d2aLegs.stream().map(Leg::recipient).distinct()
                    .toList());
        }
        return d2aLegs;
    }
}
