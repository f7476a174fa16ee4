package org.seamless.topology;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.seamless.testsupport.TestEnvironment;

/**
 * The topology as processes on this machine: the Artemis pair from the official distribution
 * ({@link ArtemisPair}), configured by the jar's own {@code broker-config} command, then hub JVMs
 * ({@code SEAMLESS_RUN_HUB=true}, no adapters) and one adapter JVM ({@code SEAMLESS_RUN_HUB=false},
 * every agency's adapter) from {@code target/seamless.jar}, each connected to the pair with the
 * failover URL as its own broker user, all on the test's PostgreSQL database. Logs go to
 * {@code target/topology/<run>/}.
 */
final class ProcessTopology implements TopologyBackend {
    private final Path jar = Path.of("target", "seamless.jar").toAbsolutePath();
    private final Path dir;
    private final Path artemisHome;
    private final Map<String, String> brokerPasswords = new LinkedHashMap<>();
    private final List<SeamlessProcess> hubs = new ArrayList<>();
    private ArtemisPair pair;
    private SeamlessProcess adapters;
    private TestEnvironment env;
    private final Launcher launcher;

    ProcessTopology(Path artemisHome, String runName) {
        this(artemisHome, runName, null);
    }

    /** @param launcher how programs run; null: as processes */
    ProcessTopology(Path artemisHome, String runName, Launcher launcher) {
        this.launcher = launcher;
        this.artemisHome = artemisHome;
        this.dir = Path.of("target", "topology", runName).toAbsolutePath();
    }

    Path dir() {
        return dir;
    }

    @Override
    public void start(TestEnvironment env, int hubCount) throws Exception {
        this.env = env;
        Files.createDirectories(dir);
        for (String user : brokerUsers(env)) {
            brokerPasswords.put(user, TestEnvironment.randomSecret());
        }
        pair = new ArtemisPair(artemisHome, dir.resolve("artemis"), launcher());
        pair.create();
        Path live = dir.resolve("artemis/live/etc");
        Path backup = dir.resolve("artemis/backup/etc");
        TopologyBackend.CommandResult config = command(List.of("--seamless.command=broker-config", "--out=" + live,
                "--broker-xml=" + live.resolve("broker.xml") + "," + backup.resolve("broker.xml")), "broker-config");
        if (config.exitCode() != 0) {
            throw new IllegalStateException("broker-config failed: " + config.output());
        }
        for (String f : List.of("artemis-users.properties", "artemis-roles.properties")) {
            Files.copy(live.resolve(f), backup.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        pair.startLive();
        pair.startBackup();
        pair.awaitReplicating(Duration.ofMinutes(3));
        for (int i = 0; i < hubCount; i++) {
            SeamlessProcess hub = new SeamlessProcess("hub-" + i, jar, dir, roleEnv(true, "none"), hubProperties(env),
                    launcher());
            hubs.add(hub);
            hub.start();
        }
        adapters = new SeamlessProcess("adapters", jar, dir, roleEnv(false, "*"), hubProperties(env), launcher());
        adapters.start();
    }

    /**
     * A hub's (and the adapter instance's) settings: the environment's, with every scheduled job on a
     * period of {@link #JOB_PERIOD}, so the scenario can check each ran once per period across the
     * instances (the adapter instance runs the quarantine purge too: edges quarantine).
     */
    private static Map<String, String> hubProperties(TestEnvironment env) {
        Map<String, String> p = new LinkedHashMap<>(env.properties());
        String period = "PT" + JOB_PERIOD.toSeconds() + "S";
        p.put("seamless.ledger.checkpoint-interval", period);
        p.put("seamless.ledger.verify-interval", period);
        p.put("seamless.ledger.verify-initial-delay", period);
        p.put("seamless.quarantine.purge-interval", period);
        p.put("seamless.quarantine.purge-initial-delay", period);
        p.put("seamless.alerts.expiry-check-interval", period);
        return p;
    }

    /** The period of every scheduled job on the topology's hubs ({@code seamless.topology.job-period}, default 5 s). */
    static final Duration JOB_PERIOD = Duration.parse(System.getProperty("seamless.topology.job-period", "PT5S"));

    private Launcher launcher() {
        return launcher != null ? launcher : Launcher.PROCESSES;
    }

    /** The environment variables the compose file and the manifests set too (DeploymentManifestsTest). */
    private Map<String, String> roleEnv(boolean hub, String adapterIds) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("SEAMLESS_RUN_HUB", Boolean.toString(hub));
        e.put("SEAMLESS_RUN_ADAPTERS", adapterIds);
        e.put("SEAMLESS_BROKER_MODE", "external");
        e.put("SEAMLESS_BROKER_URL", pair.failoverUrl());
        brokerPasswords.forEach((user, pw) -> e.put("SEAMLESS_BROKER_PASSWORDS_" + user.toUpperCase(java.util.Locale.ROOT), pw));
        e.put("SPRING_DATASOURCE_URL", env.database().url());
        e.put("SPRING_DATASOURCE_USERNAME", env.database().user());
        e.put("SPRING_DATASOURCE_PASSWORD", env.database().password());
        e.put("JAVA_TOOL_OPTIONS", "-Dlogging.level.root=WARN -Dlogging.level.org.seamless=INFO");
        return e;
    }

    private static List<String> brokerUsers(TestEnvironment env) throws java.io.IOException {
        List<String> users = new ArrayList<>(List.of("seamless-hub", "seamless-operator"));
        for (String line : Files.readAllLines(env.registryFile())) {
            String t = line.strip();
            if (t.startsWith("- id: ")) {
                users.add("agency-" + t.substring("- id: ".length()).strip());
            }
        }
        return users;
    }

    /** Runs the jar in command mode with the topology's settings. */
    TopologyBackend.CommandResult command(List<String> commandArgs, String logName) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        env.properties().forEach((k, v) -> cmd.add("--" + k + "=" + v));
        cmd.addAll(commandArgs);
        Path log = dir.resolve(logName + ".log");
        Files.deleteIfExists(log);
        Map<String, String> e = new LinkedHashMap<>();
        brokerPasswords.forEach((user, pw) -> e.put("SEAMLESS_BROKER_PASSWORDS_" + user.toUpperCase(java.util.Locale.ROOT), pw));
        Launcher.Running p = launcher().launch(logName, cmd, e, log);
        if (!p.waitFor(TimeUnit.MINUTES.toSeconds(3))) {
            p.kill();
            throw new IllegalStateException(logName + " did not finish; see " + log);
        }
        return new TopologyBackend.CommandResult(p.exitCode(), Files.readString(log, StandardCharsets.UTF_8));
    }

    @Override
    public int edgePort() {
        return adapters.port();
    }

    @Override
    public void killLiveBroker() throws Exception {
        pair.killLive();
        pair.awaitBackupActive(Duration.ofMinutes(2));
    }

    @Override
    public void killHub(int index) throws Exception {
        hubs.get(index).kill();
    }

    @Override
    public void restartHub(int index) throws Exception {
        hubs.get(index).start();
    }

    @Override
    public TopologyBackend.CommandResult ledgerVerify() throws Exception {
        return command(List.of("--seamless.command=ledger-verify"), "ledger-verify");
    }

    @Override
    public void close() throws Exception {
        if (adapters != null) {
            adapters.close();
        }
        for (SeamlessProcess hub : hubs) {
            hub.close();
        }
        if (pair != null) {
            pair.close();
        }
    }
}
