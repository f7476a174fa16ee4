package org.seamless.topology;

import java.nio.file.Path;
import java.util.List;
import org.seamless.testsupport.TestEnvironment;

/**
 * The topology in containers (Testcontainers, where Docker runs): the same brokers, hubs and adapter
 * instance, configured the same way as {@link ProcessTopology}, each in a JRE container
 * ({@link ContainerLauncher}); SIGKILL through the engine. Not run on the development machines,
 * which have no container engine.
 */
final class ContainerTopology implements TopologyBackend {
    private final ProcessTopology delegate;

    ContainerTopology(Path artemisHome, String runName) {
        this.delegate = new ProcessTopology(artemisHome, runName, new ContainerLauncher(List.of(
                Path.of("target").toAbsolutePath(), Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath())));
    }

    @Override
    public void start(TestEnvironment env, int hubs) throws Exception {
        delegate.start(env, hubs);
    }

    @Override
    public int edgePort() {
        return delegate.edgePort();
    }

    @Override
    public void killLiveBroker() throws Exception {
        delegate.killLiveBroker();
    }

    @Override
    public void killHub(int index) throws Exception {
        delegate.killHub(index);
    }

    @Override
    public void restartHub(int index) throws Exception {
        delegate.restartHub(index);
    }

    @Override
    public CommandResult ledgerVerify() throws Exception {
        return delegate.ledgerVerify();
    }

    @Override
    public void close() throws Exception {
        delegate.close();
    }
}
