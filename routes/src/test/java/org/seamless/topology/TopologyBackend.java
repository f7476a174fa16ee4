package org.seamless.topology;

import org.seamless.testsupport.TestEnvironment;

/**
 * Where the production topology runs for a test: an Artemis live/backup pair, {@code hubs} hub
 * instances and one adapter instance (the agencies' edges and sinks), all on one PostgreSQL
 * database. {@link ProcessTopology} runs them as processes (no container engine needed);
 * {@link ContainerTopology} as containers where Docker exists. {@link TopologyScenario} drives either.
 */
interface TopologyBackend extends AutoCloseable {

    /** Starts brokers, hubs and the adapter instance for the environment's registry and database. */
    void start(TestEnvironment env, int hubs) throws Exception;

    /** The HTTP port (on localhost) of the adapter instance's edge: FHIR, VCS API. */
    int edgePort();

    /** SIGKILL of the live broker; returns when the backup has taken over. */
    void killLiveBroker() throws Exception;

    /** SIGKILL of hub {@code index} (0-based). */
    void killHub(int index) throws Exception;

    /** Starts hub {@code index} again after a kill, on the same settings. */
    void restartHub(int index) throws Exception;

    /** Runs {@code ledger-verify} against the topology's database; returns its exit code and output. */
    CommandResult ledgerVerify() throws Exception;

    /** A command's exit code and what it printed. */
    record CommandResult(int exitCode, String output) {
    }
}
