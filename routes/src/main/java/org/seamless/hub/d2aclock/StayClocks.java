package org.seamless.hub.d2aclock;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.d2a.D2aAnswer;
import org.seamless.mappings.d2a.D2aCodes;
import org.seamless.mappings.d2a.D2aFields;
import org.seamless.mappings.d2a.D2aStay;

/**
 * Keeps the stay records as discharge to assess events pass through the hub (ADR 0063): a trust event
 * updates its stay's dates and pathway, a council's care-arranged answer marks care arranged (care
 * already in place is not: a package that existed before admission may still need restarting). On the event that first records a discharge with a Discharge Ready Date, the delay is
 * added to the metric {@value #METRIC} (tags trust, council, pathway). Nobody keys anything: the
 * measure is computed from the messages the hospital and council already send.
 */
public class StayClocks {
    public static final String METRIC = "seamless.d2a.discharge.delay";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StayClocks.class);
    private final StayClockStore store;
    private final Function<D2aStayKey, String> refs;
    private final Function<NhsNumber, String> personRefs;
    private final MeterRegistry meters;
    private final Clock clock;

    /** What identifies a stay before it is reduced to a reference. */
    public record D2aStayKey(NhsNumber person, String trustAgency, String spellId) {
        @Override
        public String toString() {
            return "D2aStayKey[" + trustAgency + "]";
        }
    }

    public StayClocks(StayClockStore store, Function<D2aStayKey, String> refs, MeterRegistry meters, Clock clock) {
        this(store, refs, p -> null, meters, clock);
    }

    /** With {@code personRefs}, each stay also records whose it is (a keyed reference), for identity events (ADR 0084). */
    public StayClocks(StayClockStore store, Function<D2aStayKey, String> refs, Function<NhsNumber, String> personRefs,
                      MeterRegistry meters, Clock clock) {
        this.personRefs = personRefs;
        this.store = store;
        this.refs = refs;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Notes a message the hub is routing: {@code source} sent it, {@code recipients} are its candidate
     * recipients. Events outside the discharge to assess family are ignored.
     */
    public void observe(SeamlessEvent event, Bundle message, AgencyConfig source, List<AgencyConfig> recipients) {
        if (D2aCodes.FROM_HOSPITAL.contains(event)) {
            Optional<String> council = recipients.stream().filter(a -> a.kind() == AgencyKind.LOCAL_AUTHORITY)
                    .map(AgencyConfig::id).findFirst();
            trustEvent(D2aFields.stay(message), source.id(), council);
        } else if (event == SeamlessEvent.D2A_CARE_ARRANGED) {
            D2aAnswer a = D2aFields.answer(message);
            recipients.stream().filter(r -> r.kind() == AgencyKind.NHS_TRUST).findFirst().ifPresent(trust ->
                    careArranged(new D2aStayKey(a.nhsNumber(), trust.id(), a.spellId()), a.messageId()));
        }
    }

    /**
     * {@link #observe}, but a failure only loses this event for the measure (WARN with the event code and
     * the exception's class, never its text): the message itself is routed regardless.
     */
    public void observeSafely(SeamlessEvent event, Bundle message, AgencyConfig source, List<AgencyConfig> recipients) {
        try {
            observe(event, message, source, recipients);
        } catch (RuntimeException e) {
            LOG.warn("stay clock not updated for a {} from {}: {}", event.code(), source.id(), e.getClass().getSimpleName());
        }
    }

    /** Applies a trust event of a stay. */
    public StayRecord trustEvent(D2aStay stay, String trust, Optional<String> council) {
        String ref = refs.apply(new D2aStayKey(stay.nhsNumber(), trust, stay.spellId()));
        Optional<StayRecord> before = store.find(ref);
        StayRecord after = StayClock.apply(before, ref, trust, council, stay);
        store.save(after, clock.instant());
        String person = personRefs.apply(stay.nhsNumber());
        if (person != null) {
            store.linkPerson(ref, person);
        }
        boolean newlyDischarged = after.dischargedOn().isPresent()
                && before.flatMap(StayRecord::dischargedOn).isEmpty();
        if (newlyDischarged && after.delayDays().isPresent()) {
            DistributionSummary.builder(METRIC).baseUnit("days")
                    .description("Days from the Discharge Ready Date to the actual discharge, per discharge")
                    .tag("trust", after.trust()).tag("council", after.council().orElse("none"))
                    .tag("pathway", after.pathway()).register(meters).record(after.delayDays().get());
        }
        return after;
    }

    /** Applies a council's care-arranged answer; a stay never seen is ignored. */
    public void careArranged(D2aStayKey key, String messageId) {
        String ref = refs.apply(key);
        store.find(ref).ifPresent(r -> store.save(StayClock.careArranged(r, messageId), clock.instant()));
    }
}
