package org.seamless.privacy.decide;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;

/** Reads {@code routing.yml}: {@code routes: {<event>: {<source kind>: [<recipient kind>, ...]}}}. Strict, like the rules. */
public final class RoutingTableLoader {

    /** The file as written. */
    record RoutingFile(@JsonProperty("version") String version,
                       @JsonProperty("routes") Map<String, Map<String, List<String>>> routes) {
    }

    private RoutingTableLoader() {
    }

    public static RoutingTable load(Path path) {
        return convert(YamlConfig.read(path, RoutingFile.class), path.toString());
    }

    public static RoutingTable load(InputStream in, String sourceName) {
        return convert(YamlConfig.read(in, sourceName, RoutingFile.class), sourceName);
    }

    private static RoutingTable convert(RoutingFile file, String source) {
        List<String> problems = new ArrayList<>();
        if (file.version() == null || file.version().isBlank()) {
            problems.add("the routing table has no version");
        }
        Map<SeamlessEvent, Map<AgencyKind, Set<AgencyKind>>> routes = new EnumMap<>(SeamlessEvent.class);
        Map<String, Map<String, List<String>>> raw = file.routes() == null ? Map.of() : file.routes();
        raw.forEach((eventCode, bySource) -> {
            Optional<SeamlessEvent> event = SeamlessEvent.fromCode(eventCode);
            if (event.isEmpty()) {
                problems.add("routes: unknown event '" + eventCode + "'");
                return;
            }
            Map<AgencyKind, Set<AgencyKind>> inner = new EnumMap<>(AgencyKind.class);
            (bySource == null ? Map.<String, List<String>>of() : bySource).forEach((from, tos) -> {
                Optional<AgencyKind> fromKind = kind(from, "event " + eventCode, problems);
                Set<AgencyKind> toKinds = EnumSet.noneOf(AgencyKind.class);
                (tos == null ? List.<String>of() : tos)
                        .forEach(to -> kind(to, "event " + eventCode + " from " + from, problems).ifPresent(toKinds::add));
                fromKind.ifPresent(k -> inner.put(k, toKinds));
            });
            routes.put(event.get(), inner);
        });
        if (!problems.isEmpty()) {
            throw new SharingRulesException(source, problems);
        }
        return new RoutingTable(file.version(), routes);
    }

    private static Optional<AgencyKind> kind(String code, String where, List<String> problems) {
        try {
            return Optional.of(AgencyKind.fromCode(code));
        } catch (IllegalArgumentException e) {
            problems.add("routes: " + where + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
