package org.seamless.app.broker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.core.security.Role;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;

/**
 * Who may do what on which address. An agency's user may send only to its own addresses (inbound;
 * outbound and dead-letter for its sink's outage policy) and consume only from its own outbound
 * address; only the hub (the privacy chain's connection) may send to another agency's outbound address. Every other address is closed except to the operator.
 */
public final class BrokerSecurityPolicy {
    private BrokerSecurityPolicy() {
    }

    /** Address match to roles, for {@code Configuration.putSecurityRoles}. */
    public static Map<String, Set<Role>> rolesFor(AgencyRegistry registry) {
        Map<String, Set<Role>> roles = new LinkedHashMap<>();
        roles.put("#", Set.of(role(BrokerUsers.OPERATOR, Perm.BROWSE, Perm.MANAGE)));
        // why: the operator user's management requests (the start check of an external broker,
        // ExternalBrokerCheck) get their replies on a temporary queue of its own under this prefix; the broker
        // sends a reply with the requesting session, so the operator also needs send there
        roles.put(MANAGEMENT_REPLIES + "#", Set.of(role(BrokerUsers.OPERATOR, Perm.SEND, Perm.CONSUME, Perm.TEMPORARY)));
        for (AgencyConfig a : registry.all()) {
            roles.put(a.addresses().inbound(), Set.of(
                    role(a.brokerUser(), Perm.SEND),
                    role(BrokerUsers.HUB, Perm.CONSUME, Perm.BROWSE),
                    role(BrokerUsers.OPERATOR, Perm.BROWSE)));
            // why the agency may send to its own outbound and dead-letter addresses: its sink puts a message
            // that failed transiently back to wait, or past its deadline to the dead-letter address, in the
            // transaction that consumed it (ADR 0042); it can reach no other agency's queue
            roles.put(a.addresses().outbound(), Set.of(
                    role(BrokerUsers.HUB, Perm.SEND),
                    role(a.brokerUser(), Perm.CONSUME, Perm.SEND),
                    role(BrokerUsers.OPERATOR, Perm.BROWSE)));
            roles.put(a.addresses().deadLetter(), Set.of(
                    role(a.brokerUser(), Perm.SEND),
                    role(BrokerUsers.HUB, Perm.CONSUME, Perm.BROWSE),
                    role(BrokerUsers.OPERATOR, Perm.CONSUME, Perm.BROWSE, Perm.MANAGE)));
        }
        return roles;
    }

    /** Address prefix of the operator's management reply queues. */
    public static final String MANAGEMENT_REPLIES = "seamless.management.";

    private enum Perm { SEND, CONSUME, BROWSE, MANAGE, TEMPORARY }

    private static Role role(String name, Perm... perms) {
        Set<Perm> p = Set.of(perms);
        // Role(name, send, consume, createDurableQueue, deleteDurableQueue, createNonDurableQueue,
        //      deleteNonDurableQueue, manage, browse, createAddress, deleteAddress, view, edit)
        boolean temporary = p.contains(Perm.TEMPORARY);
        return new Role(name, p.contains(Perm.SEND), p.contains(Perm.CONSUME), false, false, temporary, temporary,
                p.contains(Perm.MANAGE), p.contains(Perm.BROWSE), temporary, temporary, p.contains(Perm.MANAGE), false);
    }
}
