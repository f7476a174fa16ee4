package org.seamless.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The production topology as processes (issue 16): Artemis live + backup from the official
 * distribution, {@code seamless.topology.hubs} hub JVMs (default 2) and an adapter JVM from the
 * packaged jar, the local PostgreSQL; mixed traffic while the live broker and then a hub are
 * SIGKILLed ({@link TopologyScenario}). Needs the distribution the {@code topology} profile unpacks:
 * {@code ./mvnw -B verify -pl routes -am -Ptopology -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=TopologyIT}; without it the test is skipped and says so.
 */
class TopologyIT {

    @Test
    void mixedTrafficSurvivesTheLiveBrokerAndAHubBeingKilled() throws Exception {
        Path artemis = ArtemisPair.distribution();
        // CI turns the topology profile on (routes/pom.xml): there a missing distribution is a fault, not a skip
        boolean ci = "true".equals(System.getenv("CI"));
        assertThat(artemis != null || !ci).as("CI=true but no Artemis distribution under target/artemis").isTrue();
        assumeTrue(artemis != null, "no Artemis distribution under target/artemis: run with -Ptopology (ADR 0056)");
        assumeTrue(Files.exists(Path.of("target", "seamless.jar")), "target/seamless.jar is not packaged yet");
        int hubs = Integer.getInteger("seamless.topology.hubs", 2);
        int messages = Integer.getInteger("seamless.topology.messages", 120);
        try (ProcessTopology topology = new ProcessTopology(artemis, "it-" + System.currentTimeMillis())) {
            new TopologyScenario().run(topology, hubs, messages, true);
        }
    }
}
