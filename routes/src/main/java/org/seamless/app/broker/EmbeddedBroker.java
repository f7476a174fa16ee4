package org.seamless.app.broker;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Artemis inside this process: persistent journal under the data directory, an in-VM acceptor
 * and an optional TCP acceptor, security on (no anonymous access), every agency's addresses
 * created up front with redelivery backoff and a per-agency dead-letter address.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final AtomicInteger VM_IDS = new AtomicInteger();

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final int vmId = VM_IDS.getAndIncrement();
    private final BrokerProperties props;

    public EmbeddedBroker(BrokerProperties props, AgencyRegistry registry, BrokerUsers users, Path dataDir)
            throws Exception {
        this.props = props;
        // why: the journal holds messages in transit (personal data); Artemis creates its files under the umask
        Path dir = org.seamless.mappings.canonical.PrivateFiles.directory(dataDir.resolve("broker"));
        for (String sub : new String[] {"journal", "bindings", "paging", "large-messages"}) {
            org.seamless.mappings.canonical.PrivateFiles.directory(dir.resolve(sub));
        }
        Configuration config = new ConfigurationImpl()
                .setName("seamless")
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setSecurityEnabled(true)
                .setGlobalMaxSize(props.globalMaxSizeBytes())
                .setMessageCounterEnabled(false);
        config.addAcceptorConfiguration("in-vm", inVmUrl());
        if (props.tcpEnabled()) {
            java.util.Map<String, Object> params = new java.util.HashMap<>();
            params.put("host", props.tcpHost());
            params.put("port", props.tcpPort());
            params.put("protocols", "CORE");
            if (props.tcpTls()) {
                // why: a params map, not a URL, so a password with URL syntax in it cannot break the acceptor
                params.put("sslEnabled", true);
                params.put("keyStoreType", "PKCS12");
                params.put("keyStorePath", props.tlsKeyStore());
                params.put("keyStorePassword", props.tlsKeyStorePassword());
            }
            config.getAcceptorConfigurations().add(new org.apache.activemq.artemis.api.core.TransportConfiguration(
                    "org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory", params, "tcp"));
        }
        BrokerSecurityPolicy.rolesFor(registry).forEach(config::putSecurityRoles);
        for (AgencyConfig a : registry.all()) {
            config.addAddressSetting("agency." + a.id() + ".#", addressSettings(a));
            addQueue(config, a.addresses().inbound());
            addQueue(config, a.addresses().outbound());
            addQueue(config, a.addresses().deadLetter());
        }
        SecurityConfiguration security = new SecurityConfiguration();
        for (String user : users.names()) {
            security.addUser(user, users.password(user));
            security.addRole(user, user);
        }
        server.setConfiguration(config);
        server.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), security));
    }

    private AddressSettings addressSettings(AgencyConfig a) {
        return new AddressSettings()
                .setDeadLetterAddress(org.apache.activemq.artemis.api.core.SimpleString.of(a.addresses().deadLetter()))
                .setExpiryAddress(org.apache.activemq.artemis.api.core.SimpleString.of(a.addresses().deadLetter()))
                .setMaxDeliveryAttempts(props.maxDeliveryAttempts())
                .setRedeliveryDelay(props.redeliveryDelayMs())
                .setRedeliveryMultiplier(props.redeliveryMultiplier())
                .setMaxRedeliveryDelay(props.maxRedeliveryDelayMs())
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                .setMaxSizeBytes(props.addressMaxSizeBytes())
                .setAutoCreateAddresses(false)
                .setAutoCreateQueues(false);
    }

    private static void addQueue(Configuration config, String name) {
        config.addAddressConfiguration(new CoreAddressConfiguration()
                .setName(name)
                .addRoutingType(RoutingType.ANYCAST)
                .addQueueConfig(QueueConfiguration.of(name).setAddress(name)
                        .setRoutingType(RoutingType.ANYCAST).setDurable(true)));
    }

    public void start() throws Exception {
        server.start();
        log.info("embedded broker started (in-VM id {}, TCP {})", vmId,
                props.tcpEnabled() ? props.tcpHost() + ":" + props.tcpPort() + (props.tcpTls() ? " TLS" : "") : "off");
    }

    /** URL for clients in this JVM. */
    public String inVmUrl() {
        return "vm://" + vmId;
    }

    public boolean isActive() {
        return server.getActiveMQServer() != null && server.getActiveMQServer().isActive();
    }

    /** Messages in a queue of this broker (delivering ones included); -1 when the broker or the queue is not there. */
    public long messageCount(String queue) {
        var active = server.getActiveMQServer();
        if (active == null || !active.isActive()) {
            return -1;
        }
        var q = active.locateQueue(org.apache.activemq.artemis.api.core.SimpleString.of(queue));
        return q == null ? -1 : q.getMessageCount();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
