package org.seamless.testsupport;

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
import java.util.List;

/**
 * Seamless started from its packaged jar in a separate JVM, on a random HTTP port, with a test
 * environment's settings; can be killed with SIGKILL and started again on the same data.
 */
public final class ChildSeamless implements AutoCloseable {
    private final TestEnvironment env;
    private final Path jar;
    private final List<String> extraArgs;
    private Process process;
    private int port;
    private int starts;

    public ChildSeamless(TestEnvironment env, Path jar) {
        this(env, jar, List.of());
    }

    /** @param extraArgs further {@code --key=value} application arguments */
    public ChildSeamless(TestEnvironment env, Path jar, List<String> extraArgs) {
        this.env = env;
        this.jar = jar;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** The log file of the current (latest) start. */
    public Path logFile() {
        return env.dataDir().resolve("child-" + starts + ".log");
    }

    /** Starts the JVM and waits until /actuator/health reports UP. */
    public void start() throws IOException {
        Path portFile = env.dataDir().resolve("http.port");
        Files.deleteIfExists(portFile);
        // why the serial collector and a 128 MB young generation: a child is started again after every kill, and a
        // start is CPU-bound (a test JVM's start: 23 young collections by G1 beside it); the child-process classes
        // took 279 s against 334 s with G1 (ADR 0104)
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-Xmn128m", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toAbsolutePath().toString(),
                "--server.port=0", "--seamless.port-file=" + portFile.toAbsolutePath()));
        env.properties().forEach((k, v) -> cmd.add("--" + k + "=" + v));
        cmd.addAll(extraArgs);
        starts++;
        process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(env.dataDir().resolve("child-" + starts + ".log").toFile())
                .start();
        // why configurable: a shared, loaded build machine can take longer than the default to start a child
        await().atMost(Duration.ofSeconds(Long.getLong("seamless.child.start-timeout-seconds", 180)))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("child Seamless exited with " + process.exitValue()
                                + "; see " + env.dataDir().resolve("child-" + starts + ".log"));
                    }
                    return Files.exists(portFile) && healthy(Integer.parseInt(Files.readString(portFile).strip()));
                });
        port = Integer.parseInt(Files.readString(portFile).strip());
    }

    private static boolean healthy(int port) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            // why parsed: the order of the answer's fields is the JSON library's choice (Jackson 3 sorts them)
            return r.statusCode() == 200
                    && "UP".equals(new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("status").asText());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: no shutdown hooks, no graceful stop. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
