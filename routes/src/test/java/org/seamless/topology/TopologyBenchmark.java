package org.seamless.topology;

import java.nio.file.Path;

/**
 * Topology benchmark (issue 16; a documented command, not a test): {@link TopologyScenario}'s mixed
 * traffic with the same faults (the live broker SIGKILLed a third of the way in, a hub two thirds in),
 * first with 1 hub, then with 2, in the same run; prints both throughputs and their ratio.
 * <pre>
 * ./mvnw -B verify -pl routes -am -Ptopology -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
 *     -Dit.test=TopologyIT                       (packages the jar, unpacks Artemis, writes the classpath below)
 * cd routes && java -cp "$(sed -n 's/.*name="surefire.test.class.path" value="\([^"]*\)".*&#47;\1/p' \
 *     target/failsafe-reports/TEST-org.seamless.topology.TopologyIT.xml)" \
 *     -Dseamless.topology.messages=10000 -Dseamless.topology.hub-counts=1,2 org.seamless.topology.TopologyBenchmark
 * </pre>
 * (from {@code routes/}: the harness finds the jar and the distribution under {@code target/}). Hubs share
 * tokens, the ledger and job leases through PostgreSQL (ADR 0054); every scheduled job runs on a
 * {@code seamless.topology.job-period} (default here 1 minute) and the run checks each ran once per period. On 2 cores every JVM (2 brokers, the hubs, the adapter
 * instance, PostgreSQL, the load generator) competes for the same CPUs, so the 2-hub/1-hub ratio shows
 * contention, not speed-up (docs/operations.md). {@code -Dseamless.topology.faults=false} measures the same
 * traffic without the SIGKILLs: with them, the 1-hub run includes its only hub's restart.
 */
public final class TopologyBenchmark {
    private TopologyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = Integer.getInteger("seamless.topology.messages", 10_000);
        // why a longer job period than TopologyIT's: verifying a ledger of tens of thousands of entries every 5 s
        // would be the benchmark's main load; a minute still shows each job running once per period
        if (System.getProperty("seamless.topology.job-period") == null) {
            System.setProperty("seamless.topology.job-period", "PT1M");
        }
        String[] counts = System.getProperty("seamless.topology.hub-counts", "1,2").split(",");
        // why a switch: with faults, one hub's restart dominates the 1-hub time; without, the ratio is throughput alone
        boolean faults = Boolean.parseBoolean(System.getProperty("seamless.topology.faults", "true"));
        Path artemis = ArtemisPair.distribution();
        if (artemis == null) {
            throw new IllegalStateException("no Artemis distribution under target/artemis: build with -Ptopology");
        }
        StringBuilder summary = new StringBuilder();
        double first = 0;
        for (String c : counts) {
            int hubs = Integer.parseInt(c.strip());
            try (ProcessTopology topology = new ProcessTopology(artemis, "bench-" + hubs + "-" + System.currentTimeMillis())) {
                TopologyScenario.Result r = new TopologyScenario().run(topology, hubs, messages, faults);
                if (first == 0) {
                    first = r.perSecond();
                }
                summary.append(String.format("%d hub(s): %d messages in %.1f s, %.1f messages/s, ratio to %s hub(s) %.2f%n",
                        hubs, r.messages(), r.seconds(), r.perSecond(), counts[0].strip(), r.perSecond() / first));
            }
        }
        System.out.print("[topology benchmark] cores=" + Runtime.getRuntime().availableProcessors() + "\n" + summary);
        // why: the agency stand-ins' HTTP servers leave pool threads behind that would keep this JVM alive
        System.exit(0);
    }
}
