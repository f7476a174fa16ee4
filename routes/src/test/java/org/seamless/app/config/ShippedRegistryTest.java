package org.seamless.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.registry.AgencyRegistryLoader;
import org.seamless.adapters.spi.AdapterTypes;
import org.seamless.mappings.canonical.AgencyKind;
import org.springframework.mock.env.MockEnvironment;

/** The demo registry the product ships loads and validates, so it cannot rot. */
class ShippedRegistryTest {

    @Test
    void demoRegistryHasOneTrustThreeLocalAuthoritiesTwoCharitiesAndAHomeCareProvider() throws Exception {
        MockEnvironment env = new MockEnvironment().withProperty("server.port", "8080")
                .withProperty("seamless.data-dir", "/srv/seamless")
                .withProperty("seamless.demo.demo-trust.api-key-sha256", "b".repeat(64))
                .withProperty("seamless.demo.demo-charity.api-key-sha256", "c".repeat(64))
                .withProperty("seamless.demo.demo-charity.webhook-secret", "generated-at-first-start")
                .withProperty("seamless.demo.demo-carers-centre.webhook-secret", "generated-at-first-start")
                .withProperty("seamless.demo.demo-homecare.webhook-secret", "generated-at-first-start");
        AgencyRegistry registry;
        try (InputStream in = getClass().getResourceAsStream("/config/agencies.yml")) {
            registry = new AgencyRegistryLoader(AdapterTypes.discover(), env::resolveRequiredPlaceholders)
                    .load(in, "config/agencies.yml");
        }
        assertThat(registry.all()).extracting(AgencyConfig::id)
                .containsExactly("demo-trust", "demo-pas", "demo-la-csv", "demo-la-cp", "demo-la-soap", "demo-charity",
                        "demo-homecare", "demo-carers-centre");
        assertThat(registry.ofKind(AgencyKind.LOCAL_AUTHORITY)).extracting(a -> a.adapter().type())
                .containsExactly("la-csv", "la-csv", "la-soap");
        // the child protection demo council's layout: CP-IS-shaped columns, review date required
        var cp = org.seamless.adapters.lacsv.AlertCsvSettings.from(registry.get("demo-la-cp").adapter()).layout();
        assertThat(cp.requiredColumns()).containsExactly("PLAN_ID", "NHS_NUMBER", "CATEGORY", "PLAN_START", "PLAN_REVIEW");
        assertThat(cp.optionalColumns()).containsExactly("PLAN_END", "TEAM", "TEAM_PHONE", "deleted");
        assertThat(cp.typeValues()).containsEntry("CPP", "child-protection-plan");
        assertThat(registry.get("demo-trust").apiKeySha256()).contains("b".repeat(64));
        assertThat(registry.get("demo-la-csv").adapter().requiredParam("outbox"))
                .isEqualTo("/srv/seamless/agencies/demo-la-csv/outbox");
    }
}
