package org.seamless.topology;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A live/backup Artemis pair from the official distribution (unpacked by the {@code topology} Maven
 * profile into {@code target/artemis}), as two processes on free ports: {@code artemis create} with
 * replication HA, then the agency part of each {@code broker.xml} (addresses, roles, dead-letter
 * settings) and the users and roles files written by Seamless's own {@code broker-config} command
 * from the registry. {@link #killLive()} is SIGKILL; the backup takes over from its replica.
 */
final class ArtemisPair implements AutoCloseable {
    /** Heap and start flags for a test broker (the distribution's default asks for 2 GB). */
    private static final String JAVA_ARGS = "-Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
            + " --add-opens java.base/jdk.internal.misc=ALL-UNNAMED";

    private final Path home;
    private final Path dir;
    private final int livePort;
    private final int backupPort;
    private final String clusterPassword = org.seamless.testsupport.TestEnvironment.randomSecret();
    private final String adminPassword = org.seamless.testsupport.TestEnvironment.randomSecret();
    private final Launcher launcher;
    private Launcher.Running live;
    private Launcher.Running backup;

    ArtemisPair(Path home, Path dir, Launcher launcher) {
        this.launcher = launcher;
        this.home = home;
        this.dir = dir;
        this.livePort = Ports.free();
        this.backupPort = Ports.free();
    }

    /** The unpacked distribution, or null when the {@code topology} profile has not unpacked it. */
    static Path distribution() {
        Path root = Path.of("target", "artemis");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isExecutable(d.resolve("bin").resolve("artemis"))).findFirst()
                    .map(Path::toAbsolutePath).orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL clients use: both brokers, HA on, reconnecting for ever. */
    String failoverUrl() {
        return "(tcp://127.0.0.1:" + livePort + ",tcp://127.0.0.1:" + backupPort + ")?ha=true"
                + "&reconnectAttempts=-1&retryInterval=200&retryIntervalMultiplier=1.5&maxRetryInterval=2000"
                + "&initialConnectAttempts=20&callTimeout=15000";
    }

    /** Creates both instances with {@code artemis create}; the caller then applies {@code broker-config} to them. */
    void create() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        createInstance("live", livePort, backupPort, false);
        createInstance("backup", backupPort, livePort, true);
        for (String name : List.of("live", "backup")) {
            Path xml = dir.resolve(name).resolve("etc").resolve("broker.xml");
            // why: with two brokers there is nobody to outvote; the live keeps serving when its backup goes
            Files.writeString(xml, Files.readString(xml).replace(
                    "<vote-on-replication-failure>true</vote-on-replication-failure>",
                    "<vote-on-replication-failure>false</vote-on-replication-failure>"));
        }
    }

    private void createInstance(String name, int port, int otherPort, boolean isBackup)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin").resolve("artemis").toString(), "create",
                dir.resolve(name).toString(), "--silent", "--force", "--name", name,
                "--user", "seamless-admin", "--password", adminPassword, "--require-login",
                "--no-web", "--no-autotune", "--nio", "--host", "127.0.0.1", "--default-port", Integer.toString(port),
                "--replicated", "--failover-on-shutdown",
                "--cluster-user", "seamless-cluster", "--cluster-password", clusterPassword,
                "--static-cluster", "tcp://127.0.0.1:" + otherPort,
                "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor"));
        if (isBackup) {
            cmd.add("--backup");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + "-create.log").toFile()).start();
        if (!p.waitFor(3, java.util.concurrent.TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("artemis create " + name + " failed; see " + dir.resolve(name + "-create.log"));
        }
    }

    void startLive() throws IOException {
        live = start("live");
    }

    void startBackup() throws IOException {
        backup = start("backup");
    }

    private Launcher.Running start(String name) throws IOException {
        return launcher.launch(name, List.of(dir.resolve(name).resolve("bin").resolve("artemis").toString(), "run"),
                Map.of("JAVA_ARGS", JAVA_ARGS), dir.resolve(name + ".log"));
    }

    /** Waits until the live accepts clients and the backup has its replica (AMQ221024). */
    void awaitReplicating(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(300)).until(() -> {
            requireAlive(live, "live");
            requireAlive(backup, "backup");
            return log("live").contains("AMQ221007") && log("backup").contains("AMQ221024");
        });
    }

    /** Waits until the backup has become active (its own AMQ221007). */
    void awaitBackupActive(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            requireAlive(backup, "backup");
            return log("backup").contains("AMQ221007");
        });
    }

    private void requireAlive(Launcher.Running p, String name) {
        if (p == null || !p.isAlive()) {
            throw new IllegalStateException("the " + name + " broker is not running; see " + dir.resolve(name + ".log"));
        }
    }

    String log(String name) throws IOException {
        Path f = dir.resolve(name + ".log");
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    }

    /** SIGKILL of the live broker's JVM (the script execs java, so the process is the broker). */
    void killLive() throws InterruptedException {
        kill(live);
    }

    private static void kill(Launcher.Running p) throws InterruptedException {
        if (p != null) {
            p.kill();
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill(live);
        kill(backup);
    }
}
