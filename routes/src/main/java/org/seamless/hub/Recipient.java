package org.seamless.hub;

import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.hub.residence.RoutingReason;

/**
 * A candidate recipient and, for residence-based events, why it was chosen.
 *
 * @param reason empty when the routing table alone chose the recipient
 */
public record Recipient(AgencyConfig agency, Optional<RoutingReason> reason) {
}
