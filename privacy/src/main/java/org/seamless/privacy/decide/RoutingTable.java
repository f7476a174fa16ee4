package org.seamless.privacy.decide;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;

/**
 * Where the hub routes each event: for each event, the source kinds it comes from and the recipient
 * kinds it goes to. An event with no recipients (e.g. consent-update) ends at the hub.
 */
public record RoutingTable(String version, Map<SeamlessEvent, Map<AgencyKind, Set<AgencyKind>>> routes) {

    public RoutingTable {
        Map<SeamlessEvent, Map<AgencyKind, Set<AgencyKind>>> copy = new EnumMap<>(SeamlessEvent.class);
        routes.forEach((event, bySource) -> {
            Map<AgencyKind, Set<AgencyKind>> inner = new EnumMap<>(AgencyKind.class);
            bySource.forEach((source, recipients) -> inner.put(source, Set.copyOf(recipients)));
            copy.put(event, Map.copyOf(inner));
        });
        routes = Map.copyOf(copy);
    }

    /** The recipient kinds the hub routes this event to, from this source kind. */
    public Set<AgencyKind> recipientKinds(SeamlessEvent event, AgencyKind source) {
        return routes.getOrDefault(event, Map.of()).getOrDefault(source, Set.of());
    }

    /** True when the table lists the event but routes it to no agency (it ends at the hub). */
    public boolean endsAtHub(SeamlessEvent event) {
        return routes.containsKey(event) && routes.get(event).values().stream().allMatch(Set::isEmpty);
    }
}
