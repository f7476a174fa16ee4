package org.seamless.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    private static String rootMessage(TestEnvironment env) {
        return "file:" + env.registryFile().toAbsolutePath() + ": agency #3 'demo-la-soap': unknown adapter type "
                + "'la-fax' (known: nhs-fhir, la-csv, la-soap, vcs-webhook)";
    }

    private static void start(TestEnvironment env, Class<?>... sources) {
        List<String> args = new ArrayList<>(List.of("--server.port=0"));
        env.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        try (var ctx = new SpringApplicationBuilder(sources).run(args.toArray(String[]::new))) {
            assertThat(ctx.isActive()).as("the application should not have started").isFalse();
        }
    }
}
