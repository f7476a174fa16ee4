package org.seamless.app.broker;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestPki;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded broker's TCP acceptor with a TLS key store (as the production profile requires):
 * an adapter connects over TLS with its own broker user; a plain-TCP client gets no connection.
 */
class BrokerTlsIT extends SeamlessTestBase {
    private static final TestPki PKI;
    private static final String KEYSTORE;
    private static final String TRUSTSTORE;

    static {
        try {
            PKI = TestPki.create("Seamless Test Broker CA");
            KEYSTORE = PKI.server().writeKeyStore(ENV.dataDir().resolve("tls/broker.p12")).toString();
            TRUSTSTORE = PKI.writeTrustStore(ENV.dataDir().resolve("tls/broker-trust.p12")).toString();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry r) {
        r.add("seamless.broker.tls-key-store", () -> KEYSTORE);
        r.add("seamless.broker.tls-key-store-password", TestPki::password);
    }

    @Autowired
    BrokerUsers users;

    @Test
    void anAdapterConnectsOverTlsAsItsOwnUser() {
        String user = "agency-demo-trust";
        String url = "tcp://localhost:" + ENV.brokerPort() + "?sslEnabled=true;trustStoreType=PKCS12;trustStorePath="
                + TRUSTSTORE + ";trustStorePassword=" + TestPki.password();
        assertThatCode(() -> probeSend(url, user, users.password(user), "agency.demo-trust.inbound"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> probeSend(url, user, users.password(user), "agency.demo-charity.inbound"))
                .isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void aPlainTcpClientGetsNoConnection() {
        String user = "agency-demo-trust";
        String url = "tcp://localhost:" + ENV.brokerPort() + "?callTimeout=5000;initialConnectAttempts=1;reconnectAttempts=0";
        assertThatThrownBy(() -> probeSend(url, user, users.password(user), "agency.demo-trust.inbound"))
                .isInstanceOf(JMSException.class)
                .isNotInstanceOf(JMSSecurityException.class);
    }

    private static void probeSend(String url, String user, String password, String address) throws JMSException {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url, user, password);
        cf.setBlockOnDurableSend(true);
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(address));
            p.setTimeToLive(1);
            p.send(s.createTextMessage("{}"));
        }
    }
}
