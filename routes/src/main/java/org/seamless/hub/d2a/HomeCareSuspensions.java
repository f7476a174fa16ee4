package org.seamless.hub.d2a;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.hub.Leg;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.d2a.D2aAnswer;
import org.seamless.mappings.d2a.D2aStay;
import org.seamless.mappings.d2a.HomeCareMessages;
import org.seamless.mappings.d2a.HomeCareNotice;
import org.seamless.mappings.d2a.HomeCarePackage;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.PrivacyChain;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.identify.Subject;
import org.seamless.ops.replay.InboundMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Home care suspend and resume (ADR 0063). A council's {@code d2a-care-in-place} answer of type
 * {@code home-care} whose provider is a registered provider agency (kind voluntary-org: a voluntary or
 * private provider on the JSON API or webhooks) is recorded under the person's pseudonymous reference and
 * the council; a later answer replaces it, an ended package removes it. A trust's {@code d2a-admission}
 * for that person, routed to that council, then derives a {@code home-care-suspend} leg to the provider,
 * and the {@code d2a-discharged} of the same stay a {@code home-care-resume} leg (resume when discharged
 * to the usual place of residence, otherwise "visits stay suspended; contact the council"). Each derived
 * message is kept like an inbound message (replay, and its id is derived from the trust event's, so a
 * redelivery derives the same) and its leg is decided by the chain under its own sharing rule, so an
 * objection withholds it and the ledger records it.
 */
public class HomeCareSuspensions {
    private static final Logger LOG = LoggerFactory.getLogger(HomeCareSuspensions.class);

    /** How the hub turns a person and a stay into pseudonymous references (StayRefs, domain d2a-measure). */
    public interface Refs {
        String person(NhsNumber person);

        String stay(NhsNumber person, String trustAgency, String spellId);
    }

    private final AgencyRegistry registry;
    private final HomeCarePackages packages;
    private final Refs refs;
    private final InboundMessages inbound;
    private final Clock clock;

    public HomeCareSuspensions(AgencyRegistry registry, HomeCarePackages packages, Refs refs, InboundMessages inbound,
                               Clock clock) {
        this.registry = registry;
        this.packages = packages;
        this.refs = refs;
        this.inbound = inbound;
        this.clock = clock;
    }

    /** Records (or ends) the home-care package a council's care-in-place answer reports; other answers are ignored. */
    public void answer(D2aAnswer answer, Bundle message, AgencyConfig council) {
        if (answer.event() != SeamlessEvent.D2A_CARE_IN_PLACE) {
            return;
        }
        String person = refs.person(answer.nhsNumber());
        Optional<HomeCarePackage> pkg = HomeCarePackage.of(answer, council.id());
        if (HomeCarePackage.ended(message)) {
            packages.end(person, council.id());
            LOG.info("home care: a care-in-place {} from {} ended the person's package", answer.messageId(), council.id());
        } else if (pkg.isPresent() && provider(pkg.get()).isPresent()) {
            packages.record(person, pkg.get(), answer.messageId(), clock.instant());
        } else if (packages.find(person, council.id()).isPresent()) {
            // why: the later answer replaces the package, with one the hub cannot tell of an admission
            packages.end(person, council.id());
            LOG.info("home care: care-in-place {} from {} replaced a home-care package with one that is not home care"
                    + " by a registered provider agency; admissions no longer suspend visits", answer.messageId(),
                    council.id());
        } else if (answer.packageType() == org.seamless.mappings.d2a.D2aCodes.PackageType.HOME_CARE) {
            LOG.info("home care: care-in-place {} from {} names no registered provider agency; the provider is not"
                    + " told of admissions", answer.messageId(), council.id());
        }
    }

    /**
     * The derived legs of a trust event: a suspend for each council among {@code councils} that recorded a
     * home-care package for the person (admission), a resume for each whose visits this stay suspended
     * (discharge); none for any other event.
     */
    public List<Leg> legs(D2aStay stay, AgencyConfig trust, List<AgencyConfig> councils, Subject subject,
                          int generation) {
        if (stay.event() != SeamlessEvent.D2A_ADMISSION && stay.event() != SeamlessEvent.D2A_DISCHARGED) {
            return List.of();
        }
        String person = refs.person(stay.nhsNumber());
        String stayRef = refs.stay(stay.nhsNumber(), trust.id(), stay.spellId());
        List<Leg> legs = new ArrayList<>();
        for (AgencyConfig council : councils) {
            if (council.kind() != AgencyKind.LOCAL_AUTHORITY) {
                continue;
            }
            Optional<HomeCarePackages.Stored> stored = packages.find(person, council.id());
            if (stored.isEmpty()) {
                continue;
            }
            HomeCarePackage pkg = stored.get().homeCarePackage();
            Optional<AgencyConfig> provider = provider(pkg);
            if (provider.isEmpty()) {
                LOG.warn("home care: the provider of a package {} recorded is no longer a registered provider agency;"
                        + " no {} derived from {}", council.id(), stay.event().code(), stay.messageId());
                continue;
            }
            HomeCareNotice notice;
            if (stay.event() == SeamlessEvent.D2A_ADMISSION) {
                notice = HomeCareNotice.suspend(stay, pkg);
                packages.suspended(person, council.id(), stayRef, clock.instant());
            } else if (stored.get().suspendedStayRef().filter(stayRef::equals).isPresent()) {
                notice = HomeCareNotice.resume(stay, pkg);
            } else {
                continue; // why: this stay suspended nothing (the package was recorded after the admission)
            }
            legs.add(leg(notice, trust, provider.get(), subject, generation));
        }
        return legs;
    }

    /**
     * A package recorded while the person is in hospital (ADR 0064): when a council's care-in-place answers an
     * event of a stay that is not over and whose visits were not suspended yet, the stay's suspend is derived
     * now (from the admission time, from the trust event kept by the intake). Empty otherwise.
     */
    public List<Leg> duringStay(D2aAnswer answer, AgencyConfig council, AgencyConfig trust, Subject subject,
                                int generation) {
        if (answer.event() != SeamlessEvent.D2A_CARE_IN_PLACE) {
            return List.of();
        }
        String person = refs.person(answer.nhsNumber());
        Optional<HomeCarePackages.Stored> stored = packages.find(person, council.id())
                .filter(s -> s.homeCarePackage().packageId().equals(answer.packageId()));
        Optional<AgencyConfig> provider = stored.flatMap(s -> provider(s.homeCarePackage()));
        Optional<D2aStay> stay = inbound.find(answer.inReplyTo()).stream()
                .filter(k -> k.sourceAgency().equals(trust.id())).findFirst().flatMap(HomeCareSuspensions::stay)
                .filter(s -> s.nhsNumber().equals(answer.nhsNumber()));
        if (provider.isEmpty() || stay.isEmpty() || stay.get().event() == SeamlessEvent.D2A_DISCHARGED
                || stay.get().event() == SeamlessEvent.D2A_CANCELLED) {
            return List.of();
        }
        String stayRef = refs.stay(stay.get().nhsNumber(), trust.id(), stay.get().spellId());
        if (stored.get().suspendedStayRef().filter(stayRef::equals).isPresent() || packages.stayOver(stayRef)) {
            return List.of();
        }
        packages.suspended(person, council.id(), stayRef, clock.instant());
        return List.of(leg(HomeCareNotice.suspend(stay.get(), stored.get().homeCarePackage()), trust, provider.get(),
                subject, generation));
    }

    private static Optional<D2aStay> stay(InboundMessages.Kept kept) {
        try {
            return Optional.of(org.seamless.mappings.d2a.D2aFields.stay(MessageBundles.parse(kept.canonicalJson())));
        } catch (RuntimeException e) {
            return Optional.empty(); // why: not a trust event of a stay (e.g. a generated notice): nothing to suspend
        }
    }

    private Leg leg(HomeCareNotice notice, AgencyConfig trust, AgencyConfig provider, Subject subject, int generation) {
        String json = HomeCareMessages.buildJson(notice);
        Bundle message = MessageBundles.parse(json);
        inbound.keep(trust.id(), notice.messageId(), notice.event().code(), json); // why: an operator may replay it
        return new Leg(new PrivacyChain.Leg(new DecisionRequest(notice.messageId(), notice.event(),
                new AgencyRef(trust.id(), trust.kind()), new AgencyRef(provider.id(), provider.kind()), subject,
                clock.instant()), message, generation), provider);
    }

    private Optional<AgencyConfig> provider(HomeCarePackage pkg) {
        return registry.find(pkg.providerAgencyId()).filter(a -> a.kind() == AgencyKind.VOLUNTARY_ORG);
    }
}
