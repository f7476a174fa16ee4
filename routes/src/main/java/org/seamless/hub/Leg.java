package org.seamless.hub;

import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.privacy.PrivacyChain;

/** One message bound for one recipient, before the privacy chain has run. */
public record Leg(PrivacyChain.Leg chainLeg, AgencyConfig recipient) {

    public Bundle message() {
        return chainLeg.message();
    }
}
