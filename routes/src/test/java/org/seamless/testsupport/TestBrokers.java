package org.seamless.testsupport;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;

/**
 * A persistent Artemis for tests that need a real broker but not Seamless: its journal under the test's
 * directory, security off, and an in-VM acceptor of its own (unique within the JVM).
 */
public final class TestBrokers {
    private static final AtomicInteger VM_IDS = new AtomicInteger(900);

    private TestBrokers() {
    }

    /** The configuration, to add queues and address settings to, and the URL its clients connect with. */
    public record Broker(Configuration config, String url) {
    }

    public static Broker persistent(Path dir) throws Exception {
        String url = "vm://" + VM_IDS.getAndIncrement();
        Configuration config = new ConfigurationImpl().setPersistenceEnabled(true).setSecurityEnabled(false)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString());
        config.addAcceptorConfiguration("in-vm", url);
        return new Broker(config, url);
    }
}
