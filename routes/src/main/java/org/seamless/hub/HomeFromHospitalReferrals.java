package org.seamless.hub;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.vcs.ReferralMessages;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.PrivacyChain;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.identify.Subject;
import org.seamless.ops.replay.InboundMessages;

/**
 * A discharge notice from a trust also derives a home-from-hospital referral to each service named in
 * {@code seamless.vcs.home-from-hospital}: one more leg per service, decided by the referral rules
 * (explicit consent, so without the patient's consent the leg is withheld and recorded). The derived
 * referral is kept like any inbound message, so the service's outcome can be routed back and an
 * operator can replay it; its id is derived from the notice's, so redelivery and replay derive the same.
 */
public class HomeFromHospitalReferrals {
    private final AgencyRegistry registry;
    private final List<String> services;
    private final InboundMessages inbound;
    private final Clock clock;

    public HomeFromHospitalReferrals(AgencyRegistry registry, List<String> services, InboundMessages inbound,
                                     Clock clock) {
        this.registry = registry;
        this.inbound = inbound;
        this.clock = clock;
        this.services = List.copyOf(services);
        for (String id : this.services) {
            if (registry.find(id).filter(a -> a.kind() == AgencyKind.VOLUNTARY_ORG).isEmpty()) {
                throw new IllegalStateException("seamless.vcs.home-from-hospital names '" + id
                        + "', which is not a voluntary organisation in the agency registry");
            }
        }
    }

    /** No derived referrals. */
    public static HomeFromHospitalReferrals none(AgencyRegistry registry, InboundMessages inbound, Clock clock) {
        return new HomeFromHospitalReferrals(registry, List.of(), inbound, clock);
    }

    /** The referral legs a message derives: none unless it is a discharge notice from a trust. */
    public List<Leg> legs(SeamlessEvent event, Bundle notice, AgencyConfig source, Subject subject, int generation) {
        if (event != SeamlessEvent.DISCHARGE_NOTICE || source.kind() != AgencyKind.NHS_TRUST || services.isEmpty()) {
            return List.of();
        }
        // why: the notice's own timestamp, so the derived referral is the same message on every redelivery
        Instant at = notice.hasTimestamp() ? notice.getTimestamp().toInstant() : clock.instant();
        List<Leg> legs = new ArrayList<>();
        for (String id : services) {
            AgencyConfig service = registry.get(id);
            Optional<Bundle> referral = ReferralMessages.homeFromHospital(notice,
                    new ReferralMessages.Party(source.id(), source.odsCode(), source.name()), id, at);
            if (referral.isEmpty()) {
                continue;
            }
            String json = MessageBundles.toJson(referral.get());
            Bundle message = MessageBundles.parse(json);
            String messageId = MessageBundles.messageId(message).orElseThrow();
            inbound.keep(source.id(), messageId, SeamlessEvent.REFERRAL.code(), json);
            legs.add(new Leg(new PrivacyChain.Leg(new DecisionRequest(messageId, SeamlessEvent.REFERRAL,
                    new AgencyRef(source.id(), source.kind()), new AgencyRef(service.id(), service.kind()), subject,
                    clock.instant()), message, generation), service));
        }
        return legs;
    }
}
