package org.seamless.app.broker;

import jakarta.jms.Connection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** Reports the broker UP when a connection as the hub user opens (and the embedded server is active). */
@Component("broker")
public class BrokerHealthIndicator extends AbstractHealthIndicator {
    private final BrokerConnections connections;
    private final ObjectProvider<EmbeddedBroker> embedded;

    public BrokerHealthIndicator(BrokerConnections connections, ObjectProvider<EmbeddedBroker> embedded) {
        super("broker health check failed");
        this.connections = connections;
        this.embedded = embedded;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        EmbeddedBroker broker = embedded.getIfAvailable();
        if (broker != null && !broker.isActive()) {
            builder.down().withDetail("mode", "embedded").withDetail("active", false);
            return;
        }
        try (var cf = connections.connectionFactory(BrokerUsers.HUB); Connection c = cf.createConnection()) {
            c.start();
        }
        builder.up().withDetail("mode", broker != null ? "embedded" : "external");
    }
}
