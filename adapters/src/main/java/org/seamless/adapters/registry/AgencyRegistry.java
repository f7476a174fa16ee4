package org.seamless.adapters.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seamless.mappings.canonical.AgencyKind;

/** The validated set of agencies this deployment knows, by id. */
public final class AgencyRegistry {
    private final Map<String, AgencyConfig> byId = new LinkedHashMap<>();

    public AgencyRegistry(List<AgencyConfig> agencies) {
        agencies.forEach(a -> byId.put(a.id(), a));
    }

    public List<AgencyConfig> all() {
        return List.copyOf(byId.values());
    }

    public Optional<AgencyConfig> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public AgencyConfig get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown agency '" + id + "'"));
    }

    public List<AgencyConfig> ofKind(AgencyKind kind) {
        return byId.values().stream().filter(a -> a.kind() == kind).toList();
    }
}
