package org.seamless.hub.intake;

import java.util.List;
import org.seamless.hub.Leg;
import org.seamless.mappings.canonical.SeamlessEvent;

/**
 * What the hub does with one event family as it arrives (notices, answers, consent, alerts, referrals,
 * discharge to assess): the legs to take through the privacy chain, one per recipient, or none when
 * the family ends at the hub (a consent update). {@link org.seamless.hub.HubIntake} parses a message
 * and hands it to the first handler that {@link #handles} its event.
 */
public interface FamilyIntake {

    /** Whether this handler takes messages of this event. */
    boolean handles(SeamlessEvent event);

    /** The legs of one message of this family; throws {@link org.seamless.hub.UnroutableMessageException} to refuse it. */
    List<Leg> legs(IntakeMessage in);
}
