package org.seamless.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Runs each program of the topology in its own container of a JRE image: host networking (the
 * brokers, hubs and agency systems find each other on the same loopback ports as processes do) and
 * the working directories bind-mounted at the same paths, so the harness's configuration applies
 * unchanged. SIGKILL goes through the engine ({@code docker kill --signal KILL}).
 */
final class ContainerLauncher implements Launcher {
    static final DockerImageName JRE = DockerImageName.parse("eclipse-temurin:17-jre");
    private final List<Path> mounts;

    ContainerLauncher(List<Path> mounts) {
        this.mounts = List.copyOf(mounts);
    }

    @Override
    @SuppressWarnings("resource")
    public Running launch(String name, List<String> command, Map<String, String> env, Path log) {
        GenericContainer<?> c = new GenericContainer<>(JRE)
                .withNetworkMode("host")
                .withEnv(env)
                .withCommand(command.toArray(String[]::new))
                // why no wait strategy: the harness polls health itself, and a command's container may exit at once
                .withLogConsumer(frame -> append(log, frame.getUtf8String()));
        for (Path m : mounts) {
            c.withFileSystemBind(m.toAbsolutePath().toString(), m.toAbsolutePath().toString(), BindMode.READ_WRITE);
        }
        c.start();
        return new Running() {
            @Override
            public boolean isAlive() {
                return c.isRunning();
            }

            @Override
            public int exitCode() {
                Long code = c.getCurrentContainerInfo().getState().getExitCodeLong();
                return code == null ? -1 : code.intValue();
            }

            @Override
            public boolean waitFor(long seconds) {
                try {
                    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(seconds))
                            .pollInterval(java.time.Duration.ofMillis(250)).until(() -> !c.isRunning());
                    return true;
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    return false;
                }
            }

            @Override
            public void kill() {
                c.getDockerClient().killContainerCmd(c.getContainerId()).withSignal("KILL").exec();
            }

            @Override
            public void stop() {
                c.stop();
            }
        };
    }

    private static void append(Path log, String text) {
        try {
            Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
