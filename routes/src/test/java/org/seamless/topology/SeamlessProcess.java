package org.seamless.topology;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Seamless JVM of the topology, started from the packaged jar with its role and broker set
 * through the same environment variables the compose file and the Kubernetes manifests set
 * ({@code SEAMLESS_RUN_HUB}, {@code SEAMLESS_RUN_ADAPTERS}, {@code SEAMLESS_BROKER_MODE},
 * {@code SEAMLESS_BROKER_URL}, {@code SEAMLESS_BROKER_PASSWORDS_<USER>}, ...), on a random HTTP port,
 * logging to a file of its own; healthy when {@code /actuator/health} answers UP.
 */
final class SeamlessProcess implements AutoCloseable {
    private final String name;
    private final Path jar;
    private final Path logDir;
    private final Map<String, String> env;
    private final List<String> args;
    private final Launcher launcher;
    private Launcher.Running process;
    private int port;
    private int starts;

    SeamlessProcess(String name, Path jar, Path logDir, Map<String, String> env, Map<String, String> properties,
                    Launcher launcher) {
        this.launcher = launcher;
        this.name = name;
        this.jar = jar;
        this.logDir = logDir;
        this.env = new LinkedHashMap<>(env);
        this.args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logDir.resolve(name + "-" + starts + ".log");
    }

    void start() throws IOException {
        Path portFile = logDir.resolve(name + ".port");
        Files.deleteIfExists(portFile);
        List<String> cmd = new ArrayList<>(List.of("java",
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString()));
        cmd.addAll(args);
        starts++;
        Map<String, String> e = new LinkedHashMap<>(env);
        e.put("SERVER_PORT", "0");
        e.put("SEAMLESS_PORT_FILE", portFile.toAbsolutePath().toString());
        process = launcher.launch(name, cmd, e, logFile());
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(300)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitCode() + "; see " + logFile());
            }
            return Files.exists(portFile) && !Files.readString(portFile).isBlank()
                    && healthy(Integer.parseInt(Files.readString(portFile).strip()));
        });
        port = Integer.parseInt(Files.readString(portFile).strip());
    }

    static boolean healthy(int port) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200
                    && "UP".equals(new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("status").asText());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    int port() {
        return port;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hooks, no graceful stop. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.kill();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.stop();
        }
    }
}
