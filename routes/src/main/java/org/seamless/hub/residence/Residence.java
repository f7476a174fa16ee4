package org.seamless.hub.residence;

import java.util.Optional;

/**
 * Where a postcode says a person lives: the ONS LA district code when resolved, and why.
 *
 * @param laCode empty when the reason is a fallback
 */
public record Residence(Optional<String> laCode, RoutingReason reason) {

    static Residence resolved(String laCode, RoutingReason reason) {
        return new Residence(Optional.of(laCode), reason);
    }

    static Residence fallback(RoutingReason reason) {
        return new Residence(Optional.empty(), reason);
    }
}
