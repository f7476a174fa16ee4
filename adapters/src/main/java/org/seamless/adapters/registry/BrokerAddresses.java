package org.seamless.adapters.registry;

/**
 * An agency's own broker addresses: the adapter sends to {@code inbound} and consumes from
 * {@code outbound}; messages that exhaust their redeliveries land in {@code deadLetter}.
 */
public record BrokerAddresses(String inbound, String outbound, String deadLetter) {

    /** The conventional addresses {@code agency.<id>.inbound|outbound|dlq}. */
    public static BrokerAddresses conventional(String agencyId) {
        String base = "agency." + agencyId;
        return new BrokerAddresses(base + ".inbound", base + ".outbound", base + ".dlq");
    }
}
