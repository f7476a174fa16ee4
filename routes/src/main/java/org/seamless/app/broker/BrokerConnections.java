package org.seamless.app.broker;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.connection.JmsTransactionManager;

/**
 * Makes broker connections for a named broker user, and transacted Camel JMS components over
 * them: each component has its own {@link JmsTransactionManager}, so a send made inside a route
 * that consumed from the same component joins the consume's transaction.
 */
public final class BrokerConnections {
    private final String url;
    private final BrokerUsers users;

    public BrokerConnections(String url, BrokerUsers users) {
        this.url = url;
        this.users = users;
    }

    /** A plain (uncached) connection factory for a user. */
    public ActiveMQConnectionFactory connectionFactory(String user) {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url, user, users.password(user));
        // why: blocking durable sends, so the broker has the message before we acknowledge the sender
        cf.setBlockOnDurableSend(true);
        cf.setReconnectAttempts(-1);
        // why: no client-side prefetch; a message is handed to a consumer only when it receives,
        // so none can wait in the buffer of an idle consumer while the queue looks consumed
        cf.setConsumerWindowSize(0);
        return cf;
    }

    /** A transacted Camel JMS component for a user. */
    public JmsComponent transactedComponent(String user, int concurrentConsumers) {
        ConnectionFactory cf = cached(connectionFactory(user));
        JmsTransactionManager tm = new JmsTransactionManager(cf);
        JmsComponent jms = JmsComponent.jmsComponentTransacted(cf, tm);
        jms.setConcurrentConsumers(concurrentConsumers);
        jms.setDeliveryPersistent(true);
        jms.setIncludeAllJMSXProperties(false);
        return jms;
    }

    private static ConnectionFactory cached(ConnectionFactory cf) {
        CachingConnectionFactory caching = new CachingConnectionFactory(cf);
        caching.setSessionCacheSize(10);
        // why: a cached consumer that is not polled holds on to what the broker pushed to it; consumers kept by
        // the listener containers instead (local transactions, CACHE_CONSUMER) lost messages under SIGKILL (ADR 0098)
        caching.setCacheConsumers(false);
        caching.setReconnectOnException(true);
        return caching;
    }

    public String url() {
        return url;
    }
}
