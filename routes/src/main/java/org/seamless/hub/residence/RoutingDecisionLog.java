package org.seamless.hub.residence;

/** Where the reason for each residence-based routing decision is recorded. */
@FunctionalInterface
public interface RoutingDecisionLog {
    void record(String sourceAgency, String messageId, String recipient, int generation, RoutingReason reason);
}
