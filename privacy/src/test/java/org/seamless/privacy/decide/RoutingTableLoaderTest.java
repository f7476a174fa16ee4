package org.seamless.privacy.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;

class RoutingTableLoaderTest {
    static RoutingTable load(String yaml) {
        return RoutingTableLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "routing.yml");
    }

    @Test
    void readsRoutesAndEventsThatEndAtTheHub() {
        RoutingTable t = load("""
                version: "1"
                routes:
                  referral-outcome:
                    voluntary-org: [nhs-trust, local-authority]
                  consent-update: {}
                """);
        assertThat(t.recipientKinds(SeamlessEvent.REFERRAL_OUTCOME, AgencyKind.VOLUNTARY_ORG))
                .containsExactlyInAnyOrder(AgencyKind.NHS_TRUST, AgencyKind.LOCAL_AUTHORITY);
        assertThat(t.recipientKinds(SeamlessEvent.REFERRAL_OUTCOME, AgencyKind.NHS_TRUST)).isEmpty();
        assertThat(t.endsAtHub(SeamlessEvent.CONSENT_UPDATE)).isTrue();
        assertThat(t.endsAtHub(SeamlessEvent.REFERRAL_OUTCOME)).isFalse();
    }

    @Test
    void unknownEventsKindsAndKeysAreErrors() {
        assertThatThrownBy(() -> load("version: \"1\"\nroutes:\n  gossip:\n    nhs-trust: [local-authority]\n"))
                .isInstanceOf(SharingRulesException.class).hasMessageContaining("unknown event 'gossip'");
        assertThatThrownBy(() -> load("version: \"1\"\nroutes:\n  referral:\n    nhs-trust: [police]\n"))
                .isInstanceOf(SharingRulesException.class).hasMessageContaining("event referral from nhs-trust")
                .hasMessageContaining("police");
        assertThatThrownBy(() -> load("version: \"1\"\nroute:\n  referral: {}\n"))
                .isInstanceOf(SharingRulesException.class).hasMessageContaining("unknown key 'route'");
    }
}
