package org.seamless.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/compose.yaml and docker/k8s/*.yaml cannot run here (no container engine), so they are read:
 * every environment variable and every secret file (Spring configtree) they give a Seamless container
 * must be a setting Seamless reads, and the hubs and the adapter instance must get the same role and
 * broker variables the process harness starts its JVMs with ({@link ProcessTopology}).
 */
class DeploymentManifestsTest {
    private static final Path DOCKER = Path.of("..", "docker");
    /** Spring Boot's own settings the manifests use. */
    private static final Set<String> SPRING = Set.of("spring.datasource.url", "spring.datasource.username",
            "spring.datasource.password", "spring.config.import", "spring.profiles.active", "server.port",
            "logging.structured.format.console");
    /** Map-valued settings: any key under these prefixes. */
    private static final List<String> MAP_PREFIXES = List.of("seamless.broker.passwords.");
    /** What the harness gives every Seamless JVM it starts, hubs and adapters alike. */
    private static final List<String> HARNESS = List.of("SEAMLESS_RUN_HUB", "SEAMLESS_RUN_ADAPTERS",
            "SEAMLESS_BROKER_MODE", "SEAMLESS_BROKER_URL", "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME");

    @Test
    void composeGivesSeamlessOnlySettingsItReadsAndTheHarnessRoles() throws IOException {
        Map<String, Object> compose = yaml(DOCKER.resolve("compose.yaml")).get(0);
        Set<String> known = knownSettings();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        List<String> seamless = services.entrySet().stream()
                .filter(e -> String.valueOf(e.getValue().get("image")).startsWith("seamless")).map(Map.Entry::getKey).toList();
        assertThat(seamless).contains("hub-1", "hub-2", "adapters", "broker-config");
        for (String name : seamless) {
            Map<String, Object> service = services.get(name);
            @SuppressWarnings("unchecked")
            Map<String, Object> env = (Map<String, Object>) service.get("environment");
            for (String var : env.keySet()) {
                assertThat(readBySeamless(var, known)).as("compose service %s sets %s", name, var).isTrue();
            }
            for (Object secret : (List<?>) service.getOrDefault("secrets", List.of())) {
                assertThat(isKnown(String.valueOf(secret), known)).as("compose service %s's secret file %s", name, secret)
                        .isTrue();
            }
            if (!name.equals("broker-config")) {
                assertThat(env.keySet()).as("compose service %s", name).containsAll(HARNESS);
                assertThat(String.valueOf(env.get("SEAMLESS_BROKER_URL"))).as("failover URL parameters as in the harness")
                        .endsWith(failoverParameters());
            }
        }
        assertThat(services.get("hub-1").get("environment")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("SEAMLESS_RUN_HUB", "true").containsEntry("SEAMLESS_RUN_ADAPTERS", "none");
        assertThat(services.get("adapters").get("environment")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("SEAMLESS_RUN_HUB", "false").containsEntry("SEAMLESS_RUN_ADAPTERS", "*");
        assertThat(services).containsKeys("postgres", "artemis-live", "artemis-backup", "prometheus", "grafana");
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubernetesManifestsGiveSeamlessOnlySettingsItReadsWithProbesResourcesAndSecretsByReference() throws IOException {
        Set<String> known = knownSettings();
        Map<String, String> configMapEnv = new LinkedHashMap<>();
        List<Map<String, Object>> containers = new ArrayList<>();
        try (Stream<Path> files = Files.list(DOCKER.resolve("k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (Map<String, Object> doc : yaml(f)) {
                    String kind = String.valueOf(doc.get("kind"));
                    assertThat(kind).as("%s: no Secret objects in the manifests (secrets by reference)", f)
                            .isNotEqualTo("Secret");
                    if (kind.equals("ConfigMap") && "seamless-env".equals(((Map<String, Object>) doc.get("metadata")).get("name"))) {
                        ((Map<String, Object>) doc.get("data")).forEach((k, v) -> configMapEnv.put(k, String.valueOf(v)));
                    }
                    Map<String, Object> spec = (Map<String, Object>) doc.get("spec");
                    if (spec != null && spec.get("template") instanceof Map<?, ?> template) {
                        Map<String, Object> podSpec = (Map<String, Object>) ((Map<String, Object>) template).get("spec");
                        for (Object c : (List<Object>) podSpec.get("containers")) {
                            Map<String, Object> container = new LinkedHashMap<>((Map<String, Object>) c);
                            container.put("_kind", kind);
                            containers.add(container);
                        }
                    }
                }
            }
        }
        for (String var : configMapEnv.keySet()) {
            assertThat(readBySeamless(var, known)).as("ConfigMap seamless-env sets %s", var).isTrue();
        }
        assertThat(configMapEnv.get("SEAMLESS_BROKER_URL")).endsWith(failoverParameters());
        int seamless = 0;
        for (Map<String, Object> c : containers) {
            String image = String.valueOf(c.get("image"));
            assertThat(c).as("container %s: resources", c.get("name")).containsKey("resources");
            if (c.get("_kind").equals("Deployment") || c.get("_kind").equals("StatefulSet")) {
                assertThat(c).as("container %s: liveness probe", c.get("name")).containsKey("livenessProbe");
            }
            for (Object e : (List<Object>) c.getOrDefault("env", List.of())) {
                Map<String, Object> entry = (Map<String, Object>) e;
                if (String.valueOf(entry.get("name")).matches("(?i).*(PASSWORD|SECRET|TOKEN|KEY)")) {
                    assertThat(entry).as("env %s: a secret by reference, never inline", entry.get("name"))
                            .containsKey("valueFrom").doesNotContainKey("value");
                }
                if (image.startsWith("seamless")) {
                    assertThat(readBySeamless(String.valueOf(entry.get("name")), known))
                            .as("container %s sets %s", c.get("name"), entry.get("name")).isTrue();
                }
            }
            if (image.startsWith("seamless") && c.get("_kind").equals("Deployment")) {
                seamless++;
                Set<String> names = new HashSet<>(configMapEnv.keySet());
                ((List<Object>) c.get("env")).forEach(e -> names.add(String.valueOf(((Map<String, Object>) e).get("name"))));
                assertThat(names).as("container %s", c.get("name")).containsAll(HARNESS);
                assertThat(c).containsKeys("readinessProbe", "startupProbe");
            }
        }
        assertThat(seamless).as("hub and adapter Deployments").isEqualTo(2);
    }

    private static String failoverParameters() {
        String url = new ArtemisPair(Path.of("."), Path.of("."), Launcher.PROCESSES).failoverUrl();
        return url.substring(url.indexOf(")?") + 1);
    }

    private static boolean readBySeamless(String envVar, Set<String> known) {
        if (envVar.equals("JAVA_TOOL_OPTIONS")) {
            return true;
        }
        String norm = normalise(envVar);
        return known.stream().anyMatch(k -> normalise(k).equals(norm))
                || MAP_PREFIXES.stream().anyMatch(p -> norm.startsWith(normalise(p)) && norm.length() > normalise(p).length());
    }

    private static boolean isKnown(String property, Set<String> known) {
        return known.contains(property) || MAP_PREFIXES.stream().anyMatch(property::startsWith);
    }

    private static String normalise(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
    }

    /** Settings Seamless reads: application.yml's keys and placeholders, configuration records, @Value names. */
    static Set<String> knownSettings() throws IOException {
        Set<String> known = new TreeSet<>(SPRING);
        Path yml = Path.of("src", "main", "resources", "application.yml");
        for (Map<String, Object> doc : yaml(yml)) {
            flatten("", doc, known);
        }
        Pattern placeholder = Pattern.compile("\\$\\{([a-z0-9.\\-]+)[:}]");
        Set<String> sources = new LinkedHashSet<>(List.of(Files.readString(yml)));
        try (Stream<Path> java = Files.walk(Path.of("src", "main", "java"))) {
            for (Path f : java.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.add(Files.readString(f));
            }
        }
        for (String s : sources) {
            Matcher m = placeholder.matcher(s);
            while (m.find()) {
                known.add(m.group(1));
            }
        }
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        for (var bd : scan.findCandidateComponents("org.seamless")) {
            try {
                Class<?> type = Class.forName(bd.getBeanClassName());
                ConfigurationProperties cp = type.getAnnotation(ConfigurationProperties.class);
                String prefix = cp.value().isEmpty() ? cp.prefix() : cp.value();
                if (type.isRecord()) {
                    for (var rc : type.getRecordComponents()) {
                        known.add(prefix + "." + rc.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
                    }
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return known;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Set<String> out) {
        map.forEach((k, v) -> {
            String key = prefix.isEmpty() ? k : prefix + "." + k;
            if (v instanceof Map<?, ?> m) {
                flatten(key, (Map<String, Object>) m, out);
            } else {
                out.add(key);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> yaml(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Object doc : new Yaml().loadAll(in)) {
                if (doc instanceof Map<?, ?> m) {
                    docs.add((Map<String, Object>) m);
                }
            }
        }
        return docs;
    }
}
