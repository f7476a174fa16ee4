package org.seamless.ops.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seamless.privacy.decide.Outcome;

/** Reads Prometheus scrape text, and the metric names PromQL expressions in the shipped observability files use. */
public final class ScrapeText {
    /** The dashboard and alert rules shipped beside the Dockerfile. */
    public static final Path OBSERVABILITY = Path.of("..", "docker", "observability");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan");

    private final String text;

    public ScrapeText(String text) {
        this.text = text;
    }

    /** Records one of everything {@link SeamlessMetrics} records; the scrape then has every series it makes. */
    public static ScrapeText everyRecordingOnce(SeamlessMetrics metrics, PrometheusMeterRegistry registry,
                                                String source, String recipient) {
        metrics.received(source, "discharge-notice");
        metrics.decided(recipient, "discharge-notice", Outcome.WITHHOLD);
        metrics.released(recipient, "discharge-notice", Outcome.RELEASE_PSEUDONYMISED);
        metrics.quarantined(source, "fhir", "invalid-nhs-number");
        metrics.acknowledged(recipient, "discharge-notice", "DELIVERED", Duration.ofMillis(1500));
        metrics.ledgerAppend("DECISION", () -> null);
        metrics.alertExtractRows(recipient, 3, 1, 0);
        return new ScrapeText(registry.scrape());
    }

    /** Every series name in the scrape. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        text.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
        return names;
    }

    /** The sum of the values of series {@code name} whose labels include all of {@code labels}. */
    public double value(String name, Map<String, String> labels) {
        double sum = 0;
        for (String line : text.lines().toList()) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            String rest = line.substring(name.length());
            if (!rest.startsWith("{") && !rest.startsWith(" ")) {
                continue;
            }
            String labelPart = rest.startsWith("{") ? rest.substring(1, rest.indexOf('}')) : "";
            if (labels.entrySet().stream().allMatch(e -> labelPart.contains(e.getKey() + "=\"" + e.getValue() + "\""))) {
                String[] parts = line.trim().split(" ");
                sum += Double.parseDouble(parts[parts.length - 1]);
            }
        }
        return sum;
    }

    /** Metric names used by one PromQL expression (functions, keywords, labels and literals left out). */
    public static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^\\]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String id = m.group();
            boolean call = bare.substring(m.end()).stripLeading().startsWith("(");
            boolean number = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
            if (!call && !number && !KEYWORDS.contains(id.toLowerCase()) && id.contains("_")) {
                names.add(id);
            }
        }
        return names;
    }

    /** Every {@code expr} of the Grafana dashboards' panels and of the Prometheus alert rules shipped. */
    public static List<String> shippedExpressions() throws IOException {
        List<String> exprs = new ArrayList<>();
        try (var files = Files.list(OBSERVABILITY)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".json")) {
                    collect(new ObjectMapper().readTree(f.toFile()), exprs);
                } else if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                    collect(new ObjectMapper(new YAMLFactory()).readTree(f.toFile()), exprs);
                }
            }
        }
        return exprs;
    }

    private static void collect(JsonNode node, List<String> exprs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("expr") && e.getValue().isTextual()) {
                    exprs.add(e.getValue().asText());
                } else {
                    collect(e.getValue(), exprs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, exprs));
        }
    }
}
