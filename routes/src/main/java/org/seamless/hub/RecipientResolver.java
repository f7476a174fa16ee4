package org.seamless.hub;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.hub.residence.PatientAddress;
import org.seamless.hub.residence.Postcodes;
import org.seamless.hub.residence.Residence;
import org.seamless.hub.residence.ResidenceRules;
import org.seamless.hub.residence.RoutingDecisionLog;
import org.seamless.hub.residence.RoutingReason;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.vcs.OutcomeMessages;
import org.seamless.mappings.vcs.ReferralMessages;
import org.seamless.privacy.decide.RoutingTable;

/**
 * Decides which agencies a message goes to: every agency of a kind the routing table sends the
 * event to, except that the Care Act notices go only to the local authority of residence (ADR
 * 0010: postcode directory, then registry catchment for districts the directory lacks), falling
 * back to the sending trust's host LA with the reason. The chain still decides per recipient.
 */
public class RecipientResolver {
    private static final Set<SeamlessEvent> BY_RESIDENCE = EnumSet.of(SeamlessEvent.ADMISSION_NOTICE,
            SeamlessEvent.ASSESSMENT_NOTICE, SeamlessEvent.DISCHARGE_NOTICE, SeamlessEvent.WITHDRAWAL_NOTICE);

    private static final Set<SeamlessEvent> ALERTS = EnumSet.of(SeamlessEvent.ALERT_START, SeamlessEvent.ALERT_UPDATE,
            SeamlessEvent.ALERT_END);

    private final AgencyRegistry registry;
    private final RoutingTable routing;
    private final ResidenceRules residence;
    private final RoutingDecisionLog decisions;

    public RecipientResolver(AgencyRegistry registry, RoutingTable routing, ResidenceRules residence,
                             RoutingDecisionLog decisions) {
        this.registry = registry;
        this.routing = routing;
        this.residence = residence;
        this.decisions = decisions;
    }

    /** The candidate recipients; the reason for a residence-based one is recorded first. */
    public List<AgencyConfig> recipients(SeamlessEvent event, AgencyConfig source, Bundle message, int generation) {
        List<Recipient> chosen = resolve(event, source, message);
        // why: recorded before the chain runs, so a fallback is on record even when the chain withholds the leg
        String messageId = MessageBundles.messageId(message).orElseThrow();
        chosen.forEach(r -> r.reason().ifPresent(reason ->
                decisions.record(source.id(), messageId, r.agency().id(), generation, reason, message)));
        return chosen.stream().map(Recipient::agency).toList();
    }

    /** The candidate recipients with the reason for each residence-based one. */
    public List<Recipient> resolve(SeamlessEvent event, AgencyConfig source, Bundle message) {
        List<Recipient> out = new ArrayList<>();
        Optional<String> addressee = addressee(event, message);
        for (AgencyKind kind : routing.recipientKinds(event, source.kind())) {
            if (kind == AgencyKind.LOCAL_AUTHORITY && (BY_RESIDENCE.contains(event)
                    || org.seamless.mappings.d2a.D2aCodes.FROM_HOSPITAL.contains(event))) {
                out.add(localAuthorityOfResidence(source, message));
            } else if (ALERTS.contains(event)) {
                // why: an LA's alerts go only to the trusts that subscribe to them (registry policy.alert-subscriptions)
                registry.ofKind(kind).stream().filter(a -> AlertSubscriptions.subscribes(a, source.id()))
                        .forEach(a -> out.add(new Recipient(a, Optional.empty())));
            } else if (event == SeamlessEvent.ALERT_ACCESS) {
                // why: an access notification goes to the LA that owns the viewed alert, never to every LA
                AlertSubscriptions.owner(message).flatMap(registry::find).filter(a -> a.kind() == kind)
                        .ifPresent(a -> out.add(new Recipient(a, Optional.empty())));
            } else {
                registry.ofKind(kind).stream().filter(a -> !a.id().equals(source.id()))
                        .filter(a -> addressee.isEmpty() || addressee.get().equals(a.id()))
                        .forEach(a -> out.add(new Recipient(a, Optional.empty())));
            }
        }
        if (addressee.isPresent() && out.isEmpty()) {
            // why: an addressed message the routing table does not cover still gets a decision on record:
            // the chain withholds it under no rule (deny by default) instead of it ending unseen in quarantine
            AgencyConfig named = registry.find(addressee.get()).filter(a -> !a.id().equals(source.id()))
                    .orElseThrow(() -> new UnroutableMessageException("the " + event.code()
                            + " is addressed to an agency that is not registered"));
            out.add(new Recipient(named, Optional.empty()));
        }
        return out;
    }

    /**
     * A referral names its receiving organisation ({@code ServiceRequest.performer}) and an outcome its
     * referrer ({@code Task.requester}), by agency identifier: such a message goes to that agency only.
     */
    static Optional<String> addressee(SeamlessEvent event, Bundle message) {
        return switch (event) {
            case REFERRAL -> ReferralMessages.addressee(message);
            case REFERRAL_OUTCOME -> OutcomeMessages.addressee(message);
            default -> Optional.empty();
        };
    }

    private Recipient localAuthorityOfResidence(AgencyConfig source, Bundle message) {
        PatientAddress home = MessageBundles.patient(message).map(RecipientResolver::homeAddress)
                .orElse(PatientAddress.ofPostcode(Optional.empty()));
        Optional<String> postcode = home.postcode();
        Residence found = residence.resolve(home);
        RoutingReason reason = found.reason();
        if (found.laCode().isPresent()) {
            Optional<AgencyConfig> la = registry.ofKind(AgencyKind.LOCAL_AUTHORITY).stream()
                    .filter(a -> a.laCode().equals(found.laCode())).findFirst();
            if (la.isPresent()) {
                return new Recipient(la.get(), Optional.of(reason));
            }
            reason = RoutingReason.LA_NOT_CONNECTED;
        } else if (reason == RoutingReason.UNKNOWN_POSTCODE) {
            // why: only a district the directory has never heard of; an ambiguous one is never narrowed by config
            Optional<AgencyConfig> byCatchment = catchment(Postcodes.normalise(postcode.orElse(null)));
            if (byCatchment.isPresent()) {
                return new Recipient(byCatchment.get(), Optional.of(RoutingReason.CATCHMENT));
            }
        }
        AgencyConfig host = source.policy().hostLocalAuthority().flatMap(registry::find)
                .orElseThrow(() -> new UnroutableMessageException("no local authority of residence ("
                        + found.reason().code() + ") and no host-local-authority for agency " + source.id()));
        return new Recipient(host, Optional.of(reason));
    }

    private Optional<AgencyConfig> catchment(Optional<String> normalised) {
        return normalised.flatMap(pc -> registry.ofKind(AgencyKind.LOCAL_AUTHORITY).stream()
                .filter(la -> la.catchment().stream().anyMatch(area -> covers(area, pc)))
                .max(Comparator.comparingInt(la -> longestMatch(la, pc))));
    }

    private static int longestMatch(AgencyConfig la, String postcode) {
        return la.catchment().stream().filter(a -> covers(a, postcode)).mapToInt(String::length).max().orElse(0);
    }

    /** A catchment entry is an outward code (LS1) or a sector (LS1 4): it covers postcodes that start with it. */
    static boolean covers(String area, String postcodeNoSpaces) {
        String a = area.replace(" ", "");
        if (!postcodeNoSpaces.startsWith(a)) {
            return false;
        }
        // "LS1" must not cover "LS10 1AA": the outward code is everything but the last three characters
        String outward = postcodeNoSpaces.length() > 3 ? postcodeNoSpaces.substring(0, postcodeNoSpaces.length() - 3) : "";
        return area.contains(" ") || outward.equals(a);
    }

    /** UK Core's address key extension; a key of type UPRN carries the property's UPRN (ADR 0062). */
    static final String ADDRESS_KEY = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-AddressKey";

    /**
     * The first current (not {@code old}) address with a postcode, or else the first current address
     * with a UPRN: its postcode, UPRN and lines.
     */
    static PatientAddress homeAddress(Patient p) {
        List<Address> current = p.getAddress().stream().filter(a -> a.getUse() != Address.AddressUse.OLD).toList();
        Optional<Address> home = current.stream().filter(a -> a.getPostalCode() != null && !a.getPostalCode().isBlank())
                .findFirst().or(() -> current.stream().filter(a -> uprn(a).isPresent()).findFirst());
        return home.map(a -> new PatientAddress(Optional.ofNullable(a.getPostalCode()).filter(pc -> !pc.isBlank()),
                        uprn(a), a.getLine().stream().map(l -> l.getValue()).filter(l -> l != null).toList()))
                .orElse(PatientAddress.ofPostcode(Optional.empty()));
    }

    /** The UPRN of an address key extension of type UPRN, when it is 1 to 12 digits; otherwise none. */
    static Optional<Long> uprn(Address address) {
        for (var key : address.getExtensionsByUrl(ADDRESS_KEY)) {
            var type = key.getExtensionByUrl("type");
            var value = key.getExtensionByUrl("value");
            boolean isUprn = type != null && type.getValue() instanceof org.hl7.fhir.r4.model.CodeableConcept cc
                    && cc.getCoding().stream().anyMatch(c -> "UPRN".equalsIgnoreCase(c.getCode()));
            if (isUprn && value != null && value.getValue() != null) {
                String v = value.getValue().primitiveValue();
                if (v != null && v.strip().matches("[0-9]{1,12}")) {
                    return Optional.of(Long.parseLong(v.strip()));
                }
            }
        }
        return Optional.empty();
    }
}
