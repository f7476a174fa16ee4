package org.seamless.adapters.vcswebhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.registry.AdapterConfig;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.BrokerAddresses;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.mappings.canonical.AgencyKind;

class VcsWebhookAdapterTypeTest {
    private final VcsWebhookAdapterType type = new VcsWebhookAdapterType();
    private final AdapterContext context = new AdapterContext("agency-x", null, null, null);

    @Test
    void anOrganisationWithoutAWebhookUrlGetsThePullInbox() {
        assertThat(type.routes(charity(null), context)).singleElement().isInstanceOf(PullInboxRoute.class);
        assertThat(type.sink(charity(null), context, null)).isEmpty();
    }

    @Test
    void anOrganisationWithAWebhookUrlGetsTheSink() {
        assertThat(type.sink(charity("https://charity.example/hooks/seamless"), context, null))
                .get().isInstanceOf(WebhookSink.class);
        assertThat(type.routes(charity("https://charity.example/hooks/seamless"), context)).isEmpty();
    }

    @Test
    void theSecretIsDeclaredAsASecret() {
        assertThat(type.parameters()).filteredOn(p -> p.name().equals(VcsWebhookAdapterType.WEBHOOK_SECRET))
                .singleElement().satisfies(p -> assertThat(p.secret()).isTrue());
    }

    private static AgencyConfig charity(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(VcsWebhookAdapterType.WEBHOOK_SECRET, "0123456789abcdef0123");
        params.put(VcsWebhookAdapterType.TIMEOUT_MS, "1000");
        if (url != null) {
            params.put(VcsWebhookAdapterType.WEBHOOK_URL, url);
        }
        return new AgencyConfig("charity-x", "Charity", AgencyKind.VOLUNTARY_ORG, "", null,
                new AdapterConfig(VcsWebhookAdapterType.NAME, params), BrokerAddresses.conventional("charity-x"), null);
    }
}
