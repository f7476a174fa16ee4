package org.seamless.topology;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link TopologyIT}'s scenario with every program in a container ({@link ContainerTopology});
 * skipped where no Docker engine runs (as on the development machines).
 */
@Testcontainers(disabledWithoutDocker = true)
class TopologyContainersIT {

    @Test
    void mixedTrafficSurvivesTheLiveBrokerAndAHubBeingKilledInContainers() throws Exception {
        Path artemis = ArtemisPair.distribution();
        assumeTrue(artemis != null, "no Artemis distribution under target/artemis: run with -Ptopology (ADR 0056)");
        int hubs = Integer.getInteger("seamless.topology.hubs", 2);
        int messages = Integer.getInteger("seamless.topology.messages", 120);
        try (ContainerTopology topology = new ContainerTopology(artemis, "containers-" + System.currentTimeMillis())) {
            new TopologyScenario().run(topology, hubs, messages, true);
        }
    }
}
