package org.seamless.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.registry.AgencyRegistryLoader;
import org.seamless.adapters.spi.AdapterTypes;
import org.seamless.mappings.canonical.AgencyKind;
import org.springframework.mock.env.MockEnvironment;

/**
 * Issue 24 fault 7: every referral example the OpenAPI document and the voluntary-sector guide give
 * names a recipient the demo registry has, as a voluntary organisation, so the example works when copied.
 */
class DocumentedRecipientsTest {
    private static final Pattern TO = Pattern.compile("\"to\"\\s*:\\s*\"([^\"]+)\"");

    static AgencyRegistry demoRegistry() throws Exception {
        MockEnvironment env = new MockEnvironment().withProperty("server.port", "8080")
                .withProperty("seamless.data-dir", "/srv/seamless")
                .withProperty("seamless.demo.demo-charity.webhook-secret", "generated-at-first-start")
                .withProperty("seamless.demo.demo-carers-centre.webhook-secret", "generated-at-first-start")
                .withProperty("seamless.demo.demo-homecare.webhook-secret", "generated-at-first-start");
        try (InputStream in = DocumentedRecipientsTest.class.getResourceAsStream("/config/agencies.yml")) {
            return new AgencyRegistryLoader(AdapterTypes.discover(), env::resolveRequiredPlaceholders).load(in, "config/agencies.yml");
        }
    }

    @Test
    void everyExampleRecipientIsAVoluntaryOrganisationOfTheDemoRegistry() throws Exception {
        AgencyRegistry registry = demoRegistry();
        List<String> named = new ArrayList<>();
        JsonNode doc;
        try (InputStream in = getClass().getResourceAsStream("/openapi/vcs-api.yaml")) {
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        doc.findValues("example").forEach(e -> {
            if (e.has("to") && e.get("to").isTextual()) {
                named.add(e.get("to").asText());
            }
        });
        Matcher m = TO.matcher(Files.readString(Path.of("../docs/flows/voluntary-sector.md")));
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(named).isNotEmpty();
        assertThat(named).allSatisfy(id -> assertThat(registry.find(id))
                .as("example recipient '%s' in the demo registry", id)
                .hasValueSatisfying(a -> assertThat(a.kind()).isEqualTo(AgencyKind.VOLUNTARY_ORG)));
    }
}
