package org.seamless.testsupport.mesh;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Query-string reading and the inbox {@code workflow_filter} of the specification. */
final class MeshQuery {
    private MeshQuery() {
    }

    static Map<String, String> parse(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    /**
     * The {@code workflow_filter} conditions: {@code WF} equals, {@code WF*} begins with,
     * {@code *WF*} contains; a leading {@code !} negates. No filter matches everything.
     */
    static Predicate<MeshMessage> workflowFilter(String filter) {
        if (filter == null || filter.isEmpty()) {
            return m -> true;
        }
        boolean negate = filter.startsWith("!");
        String glob = negate ? filter.substring(1) : filter;
        Pattern p = Pattern.compile(Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote)
                .collect(Collectors.joining(".*")));
        return m -> m.workflowId != null && p.matcher(m.workflowId).matches() != negate;
    }
}
