package org.seamless.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seamless.SeamlessApplication;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Seamless refuses to start with an invalid registry, naming the entry. (The refusal to run with a
 * route that bypasses the chain is shown in {@code ChainGuardIT}: starting and stopping a second
 * embedded broker inside this JVM would disturb the shared test application's in-VM connections.)
 */
class StartupRefusalIT {

    @Test
    void invalidRegistryStopsTheStartNamingTheEntry() throws Exception {
        try (TestEnvironment env = TestEnvironment.create()) {
            String yaml = Files.readString(env.registryFile()).replace("type: la-soap", "type: la-fax");
            Files.writeString(env.registryFile(), yaml);
            assertThatThrownBy(() -> start(env, SeamlessApplication.class)).hasRootCauseMessage(rootMessage(env));
        }
    }

    /**
     * One property turns the log into JSON lines (Elastic Common Schema), shown on the built jar (the test
     * classpath has its own logback-test.xml): a start that the production profile refuses logs its refusal as JSON.
     */
    @Test
    void structuredLoggingPropertyMakesEveryLogLineJson() throws Exception {
        try (TestEnvironment env = TestEnvironment.create()) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-jar", Path.of("target", "seamless.jar").toAbsolutePath().toString(),
                    "--server.port=0", "--logging.structured.format.console=ecs"));
            env.properties().forEach((k, v) -> cmd.add("--" + k + "=" + v));
            cmd.add("--spring.profiles.active=production"); // why: refused early (test secrets, simulators on)
            Path log = env.dataDir().resolve("structured.log");
            Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> !child.isAlive());
            } finally {
                child.destroyForcibly();
            }
            ObjectMapper json = new ObjectMapper();
            List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
            assertThat(lines).noneMatch(l -> l.matches("^\\d{4}-\\d{2}-\\d{2}T.*\\b(INFO|WARN|ERROR)\\b.*"));
            List<JsonNode> events = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("{")) {
                    events.add(json.readTree(line));
                }
            }
            assertThat(events).isNotEmpty().allMatch(e -> e.has("@timestamp") && !field(e, "ecs", "version").isEmpty()
                    && !field(e, "log", "level").isEmpty());
            assertThat(events).anyMatch(e -> "ERROR".equals(field(e, "log", "level")));
        }
    }

    /** An ECS field, nested ({@code {"log":{"level":..}}}) or dotted ({@code "log.level"}); "" when absent. */
    private static String field(JsonNode event, String object, String name) {
        JsonNode nested = event.path(object).path(name);
        return nested.isValueNode() ? nested.asText() : event.path(object + "." + name).asText("");
    }

    private static String rootMessage(TestEnvironment env) {
        return "file:" + env.registryFile().toAbsolutePath() + ": agency #3 'demo-la-soap': unknown adapter type "
                + "'la-fax' (known: nhs-fhir, la-csv, la-soap, vcs-webhook, mesh, nhs-hl7v2)";
    }

    private static void start(TestEnvironment env, Class<?>... sources) {
        List<String> args = new ArrayList<>(List.of("--server.port=0"));
        env.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        try (var ctx = new SpringApplicationBuilder(sources).run(args.toArray(String[]::new))) {
            assertThat(ctx.isActive()).as("the application should not have started").isFalse();
        }
    }
}
