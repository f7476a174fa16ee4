package org.seamless.hub;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.seamless.adapters.nhsfhir.NhsFhirAdapterType;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.privacy.decide.RoutingTable;

/**
 * Decides which agencies a message goes to: every agency of a kind the routing table sends the
 * event to, except that residence-based events (the Care Act notices) go only to the local
 * authority whose catchment holds the patient's postcode, falling back to the sending trust's
 * host local authority. Recipients are candidates: the chain still decides per recipient.
 */
public class RecipientResolver {
    private static final Set<SeamlessEvent> BY_RESIDENCE = EnumSet.of(SeamlessEvent.ADMISSION_NOTICE,
            SeamlessEvent.ASSESSMENT_NOTICE, SeamlessEvent.DISCHARGE_NOTICE, SeamlessEvent.WITHDRAWAL_NOTICE);

    private final AgencyRegistry registry;
    private final RoutingTable routing;

    public RecipientResolver(AgencyRegistry registry, RoutingTable routing) {
        this.registry = registry;
        this.routing = routing;
    }

    public List<AgencyConfig> recipients(SeamlessEvent event, AgencyConfig source, Bundle message) {
        List<AgencyConfig> out = new ArrayList<>();
        for (AgencyKind kind : routing.recipientKinds(event, source.kind())) {
            if (kind == AgencyKind.LOCAL_AUTHORITY && BY_RESIDENCE.contains(event)) {
                localAuthorityOfResidence(source, message).ifPresent(out::add);
            } else {
                registry.ofKind(kind).stream().filter(a -> !a.id().equals(source.id())).forEach(out::add);
            }
        }
        return out;
    }

    private Optional<AgencyConfig> localAuthorityOfResidence(AgencyConfig source, Bundle message) {
        Optional<String> postcode = MessageBundles.patient(message).flatMap(RecipientResolver::postcode);
        if (postcode.isPresent()) {
            String normalised = postcode.get().toUpperCase().replace(" ", "");
            Optional<AgencyConfig> match = registry.ofKind(AgencyKind.LOCAL_AUTHORITY).stream()
                    .filter(la -> la.catchment().stream().anyMatch(area -> covers(area, normalised)))
                    .max(java.util.Comparator.comparingInt(la -> longestMatch(la, normalised)));
            if (match.isPresent()) {
                return match;
            }
        }
        return source.adapter().param(NhsFhirAdapterType.HOST_LOCAL_AUTHORITY).flatMap(registry::find);
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

    private static Optional<String> postcode(Patient p) {
        return p.getAddress().stream()
                .filter(a -> a.getUse() != Address.AddressUse.OLD)
                .map(Address::getPostalCode)
                .filter(pc -> pc != null && !pc.isBlank())
                .findFirst();
    }
}
