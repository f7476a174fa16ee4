package org.seamless.hub.intake;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.seamless.hub.alerts.HubAlertStore;
import org.seamless.hub.Leg;
import org.seamless.hub.UnroutableMessageException;
import org.seamless.mappings.canonical.SeamlessEvent;

/**
 * Social care alerts (start, update, end, and the access notification): the hub's current flags are
 * updated from start, update and end (it answers flag pulls from them), then the message goes to the
 * subscribing agencies the routing rules give.
 */
public final class AlertIntake implements FamilyIntake {
    private static final Set<SeamlessEvent> STORED = EnumSet.of(SeamlessEvent.ALERT_START, SeamlessEvent.ALERT_UPDATE,
            SeamlessEvent.ALERT_END);
    private final RecipientLegs legs;
    private final HubAlertStore alertStore;

    /** {@code alertStore} may be null: the hub then keeps no current flags. */
    public AlertIntake(RecipientLegs legs, HubAlertStore alertStore) {
        this.legs = legs;
        this.alertStore = alertStore;
    }

    @Override
    public boolean handles(SeamlessEvent event) {
        return STORED.contains(event) || event == SeamlessEvent.ALERT_ACCESS;
    }

    @Override
    public List<Leg> legs(IntakeMessage in) {
        if (STORED.contains(in.event()) && in.source().kind() != org.seamless.mappings.canonical.AgencyKind.LOCAL_AUTHORITY) {
            // why: a council's alerts are a council's; any agency may record reasonable adjustments (ADR 0083)
            org.seamless.mappings.alert.AlertType type;
            try {
                type = org.seamless.mappings.alert.AlertMessages.alert(in.message(), in.source().id()).type();
            } catch (RuntimeException e) {
                throw new UnroutableMessageException("alert message: not a readable alert");
            }
            if (!type.anyAgencyMayRecord()) {
                throw new UnroutableMessageException("only a local authority may send a " + type.code() + " alert");
            }
        }
        var subject = legs.identify(in);
        legs.keep(in);
        if (alertStore != null && STORED.contains(in.event())) {
            try {
                alertStore.apply(in.message(), in.source().id()); // why: the hub answers pulls from its current flags
            } catch (IllegalArgumentException e) {
                throw new UnroutableMessageException("alert message: " + e.getMessage());
            }
        }
        return legs.toRecipients(in, subject);
    }
}
