package org.seamless.hub;

import org.apache.camel.Exchange;
import org.seamless.privacy.PrivacyChain;

/**
 * Runs the privacy chain (decide, transform, record) for one leg and prepares the release: the
 * body becomes the released bundle and the headers only the routing facts the chain allows.
 * A withheld leg is recorded by the chain and goes no further.
 */
public class ChainStep {
    /** Exchange property: true when the leg may be released. */
    public static final String RELEASED = "SeamlessReleased";
    /** Exchange property: the recipient's outbound address. */
    public static final String OUTBOUND_ADDRESS = "SeamlessOutboundAddress";
    /** Exchange property: the chain's result for the leg, for the release entry. */
    static final String RESULT = "SeamlessLegResult";

    private final PrivacyChain chain;

    public ChainStep(PrivacyChain chain) {
        this.chain = chain;
    }

    public void process(Exchange exchange) {
        Leg leg = java.util.Objects.requireNonNull(exchange.getMessage().getBody(Leg.class), "leg");
        PrivacyChain.LegResult result = chain.process(leg.chainLeg());
        var out = exchange.getMessage();
        out.removeHeaders("*"); // why: nothing from the inbound message may ride along to the recipient
        exchange.setProperty(RELEASED, result.released().isPresent());
        exchange.setProperty(OUTBOUND_ADDRESS, leg.recipient().addresses().outbound());
        exchange.setProperty(RESULT, result);
        if (result.released().isPresent()) {
            // why: the chain's own encoding, whose digest the ledger holds; not encoded a second time (ADR 0086)
            out.setBody(result.releasedJson().orElseThrow());
            result.headers().forEach(out::setHeader);
        } else {
            out.setBody(null);
        }
    }

    /** After the send: the release is its own ledger entry (the broker transaction commits after this). */
    public void recordRelease(Exchange exchange) {
        chain.released(exchange.getProperty(RESULT, PrivacyChain.LegResult.class));
    }
}
