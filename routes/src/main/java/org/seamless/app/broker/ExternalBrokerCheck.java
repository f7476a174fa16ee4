package org.seamless.app.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.core.security.Role;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start with an external broker: asks the running broker (core management messages to
 * {@code activemq.management}, as the operator user) whether it has every agency's addresses, queues,
 * dead-letter settings and the roles {@link BrokerSecurityPolicy} gives them, and refuses the start
 * naming what is missing. Adding an agency to the registry without regenerating the broker's
 * configuration (ADR 0056) therefore stops Seamless rather than leaving the agency's messages nowhere.
 */
public final class ExternalBrokerCheck {
    private static final Logger log = LoggerFactory.getLogger(ExternalBrokerCheck.class);
    private static final long TIMEOUT_MS = 10_000;

    private final AgencyRegistry registry;
    private final String url;
    private final BrokerUsers users;
    private final ObjectMapper json = new ObjectMapper();

    public ExternalBrokerCheck(AgencyRegistry registry, String url, BrokerUsers users) {
        this.registry = registry;
        this.url = url;
        this.users = users;
    }

    /** Throws {@link IllegalStateException} naming every missing address, queue, setting and permission. */
    public void verify() {
        if (!users.names().contains(BrokerUsers.OPERATOR)) {
            throw new IllegalStateException("cannot check the external broker: no password for " + BrokerUsers.OPERATOR
                    + " (seamless.broker.passwords." + BrokerUsers.OPERATOR + "); set it, or turn the check off with"
                    + " seamless.broker.verify-at-start=false");
        }
        List<String> missing;
        try {
            missing = missing();
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not check the external broker at " + url + " as "
                    + BrokerUsers.OPERATOR + " (" + e.getClass().getSimpleName() + "): the start check needs the"
                    + " operator user's password and its manage permission (seamless.broker.verify-at-start)", e);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the external broker lacks what the agency registry needs ("
                    + missing.size() + "): " + String.join("; ", missing)
                    + ". Generate its configuration with java -jar seamless.jar --seamless.command=broker-config"
                    + " and apply it (docs/operations.md)");
        }
        log.info("external broker has the addresses and roles of all {} agencies", registry.all().size());
    }

    /** What the broker lacks, one readable line each; empty when it has everything. */
    public List<String> missing() throws Exception {
        List<String> missing = new ArrayList<>();
        try (ServerLocator locator = ActiveMQClient.createServerLocator(url);
             ClientSessionFactory factory = locator.setReconnectAttempts(0).setCallTimeout(TIMEOUT_MS)
                     .createSessionFactory();
             ClientSession session = factory.createSession(BrokerUsers.OPERATOR,
                     users.password(BrokerUsers.OPERATOR), false, true, true, false, 1)) {
            session.start();
            Management management = new Management(session);
            Set<String> addresses = new HashSet<>(strings(management.invoke("getAddressNames")));
            Set<String> queues = new HashSet<>(strings(management.invoke("getQueueNames")));
            Map<String, Set<Role>> expected = BrokerSecurityPolicy.rolesFor(registry);
            for (AgencyConfig a : registry.all()) {
                for (String address : List.of(a.addresses().inbound(), a.addresses().outbound(),
                        a.addresses().deadLetter())) {
                    if (!addresses.contains(address)) {
                        missing.add("agency " + a.id() + ": address " + address);
                    } else if (!queues.contains(address)) {
                        missing.add("agency " + a.id() + ": queue " + address);
                    }
                    missing.addAll(roleGaps(a, address, expected.get(address),
                            json.readTree(String.valueOf(management.invoke("getRolesAsJSON", address)))));
                }
                for (String address : List.of(a.addresses().inbound(), a.addresses().outbound())) {
                    String settings = String.valueOf(management.invoke("getAddressSettingsAsJSON", address));
                    if (address.equals(a.addresses().inbound())
                            && !settings.contains("\"" + a.addresses().deadLetter() + "\"")) {
                        missing.add("agency " + a.id() + ": dead-letter address " + a.addresses().deadLetter()
                                + " in the address settings of " + a.addresses().inbound());
                    }
                    // why: at 0 the broker ignores message groups, and one person's messages lose their order
                    if (json.readTree(settings).path("defaultGroupBuckets").asInt(-1) == 0) {
                        missing.add("agency " + a.id() + ": message groups on " + address
                                + " (default-group-buckets is 0; leave it at -1, ADR 0100)");
                    }
                }
            }
            management.close();
        }
        return missing;
    }

    private static List<String> roleGaps(AgencyConfig a, String address, Set<Role> expected, JsonNode actual) {
        List<String> gaps = new ArrayList<>();
        for (Role role : expected) {
            JsonNode got = null;
            for (JsonNode r : actual) {
                if (role.getName().equals(r.path("name").asText())) {
                    got = r;
                }
            }
            if (got == null) {
                gaps.add("agency " + a.id() + ": role " + role.getName() + " on " + address);
                continue;
            }
            for (String perm : List.of("send", "consume", "browse")) {
                boolean want = switch (perm) {
                    case "send" -> role.isSend();
                    case "consume" -> role.isConsume();
                    default -> role.isBrowse();
                };
                if (want && !got.path(perm).asBoolean()) {
                    gaps.add("agency " + a.id() + ": role " + role.getName() + " may not " + perm + " on " + address);
                }
            }
        }
        // why: the registry's promise is that an agency's user reaches only its own addresses
        Set<String> allowed = new HashSet<>();
        expected.forEach(r -> allowed.add(r.getName()));
        for (JsonNode r : actual) {
            String name = r.path("name").asText();
            if (!allowed.contains(name) && (r.path("send").asBoolean() || r.path("consume").asBoolean())) {
                gaps.add("agency " + a.id() + ": role " + name + " must not send to or consume from " + address);
            }
        }
        return gaps;
    }

    private static List<String> strings(Object result) {
        if (result instanceof Object[] array) {
            return Arrays.stream(array).map(String::valueOf).toList();
        }
        return result == null ? List.of() : List.of(String.valueOf(result));
    }

    /** Request and reply over a temporary queue of the operator's own, under its reply prefix. */
    private static final class Management implements AutoCloseable {
        private final ClientSession session;
        private final SimpleString replies;
        private final ClientProducer producer;
        private final ClientConsumer consumer;

        Management(ClientSession session) throws Exception {
            this.session = session;
            this.replies = SimpleString.of(BrokerSecurityPolicy.MANAGEMENT_REPLIES + UUID.randomUUID());
            session.createQueue(QueueConfiguration.of(replies).setRoutingType(RoutingType.ANYCAST)
                    .setDurable(false).setTemporary(true));
            this.producer = session.createProducer(SimpleString.of("activemq.management"));
            this.consumer = session.createConsumer(replies);
        }

        Object invoke(String operation, Object... params) throws Exception {
            ClientMessage request = session.createMessage(false);
            ManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, operation, params);
            request.putStringProperty(org.apache.activemq.artemis.core.client.impl.ClientMessageImpl.REPLYTO_HEADER_NAME, replies);
            producer.send(request);
            ClientMessage reply = consumer.receive(TIMEOUT_MS);
            if (reply == null) {
                throw new IllegalStateException("the broker did not answer " + operation);
            }
            reply.acknowledge();
            if (!ManagementHelper.hasOperationSucceeded(reply)) {
                throw new IllegalStateException("the broker refused " + operation + ": " + ManagementHelper.getResult(reply));
            }
            return ManagementHelper.getResult(reply);
        }

        @Override
        public void close() throws Exception {
            consumer.close();
            producer.close();
        }
    }
}
