package org.seamless.app.broker;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.seamless.testsupport.SharedContext;

/**
 * On the real broker, over its TCP acceptor: only the privacy chain's connection (the hub user)
 * may send to an agency's outbound address, besides the agency's own sink putting a message back to
 * wait (ADR 0042); every other user, and anonymous access, is refused by the broker.
 */
@SharedContext
class BrokerSecurityIT extends SeamlessTestBase {
    private static final String OUTBOUND = "agency." + TestEnvironment.LA_SOAP + ".outbound";

    @Autowired
    BrokerUsers users;

    @ParameterizedTest
    @ValueSource(strings = {"agency-demo-trust", "agency-demo-la-csv", "agency-demo-charity", BrokerUsers.OPERATOR})
    void everyConnectionButTheChainsAndTheAgencysOwnIsRefusedOnOutbound(String user) {
        assertThatThrownBy(() -> probeSend(user, users.password(user), OUTBOUND))
                .isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void theChainsConnectionMaySendToOutbound() {
        assertThatCode(() -> probeSend(BrokerUsers.HUB, users.password(BrokerUsers.HUB), OUTBOUND))
                .doesNotThrowAnyException();
    }

    @Test
    void anAgencysSinkMayPutBackOnlyToItsOwnOutboundAndDeadLetterAddresses() {
        String user = "agency-" + TestEnvironment.LA_SOAP;
        assertThatCode(() -> probeSend(user, users.password(user), OUTBOUND)).doesNotThrowAnyException();
        assertThatCode(() -> probeSend(user, users.password(user), "agency.demo-la-soap.dlq")).doesNotThrowAnyException();
        assertThatThrownBy(() -> probeSend(user, users.password(user), "agency.demo-la-csv.outbound"))
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> probeSend(user, users.password(user), "agency.demo-la-csv.dlq"))
                .isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void anAgencyMaySendOnlyToItsOwnInbound() {
        String user = "agency-" + TestEnvironment.TRUST;
        assertThatCode(() -> probeSend(user, users.password(user), "agency.demo-trust.inbound"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> probeSend(user, users.password(user), "agency.demo-charity.inbound"))
                .isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void anAgencyCannotConsumeAnotherAgencysOutbound() {
        String user = "agency-" + TestEnvironment.CHARITY;
        assertThatThrownBy(() -> {
            try (Connection c = factory(user, users.password(user)).createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                s.createConsumer(s.createQueue(OUTBOUND));
            }
        }).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void anonymousAndWrongPasswordsAreRefused() {
        for (List<String> creds : List.of(List.of("", ""), List.of(BrokerUsers.HUB, "wrong-password"))) {
            assertThatThrownBy(() -> factory(creds.get(0), creds.get(1)).createConnection().close())
                    .isInstanceOf(JMSSecurityException.class);
        }
    }

    /**
     * A blocking durable send, so the broker's verdict comes back on the call. The message expires
     * after 1 ms: a permitted probe leaves nothing any consumer would act on.
     */
    private void probeSend(String user, String password, String address) throws JMSException {
        try (Connection c = factory(user, password).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(address));
            p.setTimeToLive(1);
            p.send(s.createTextMessage("{}"));
        }
    }

    private ActiveMQConnectionFactory factory(String user, String password) {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + ENV.brokerPort(), user, password);
        cf.setBlockOnDurableSend(true);
        return cf;
    }
}
