package org.seamless.hub.residence;

/** Where the reason for each residence-based routing decision is recorded. */
@FunctionalInterface
public interface RoutingDecisionLog {
    void record(String sourceAgency, String messageId, String recipient, int generation, RoutingReason reason);

    /** As above, with the message (whose subject a log that writes the ledger needs); by default the message is unused. */
    default void record(String sourceAgency, String messageId, String recipient, int generation, RoutingReason reason,
                        org.hl7.fhir.r4.model.Bundle message) {
        record(sourceAgency, messageId, recipient, generation, reason);
    }
}
