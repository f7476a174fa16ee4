package org.seamless.adapters.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistryLoader;
import org.seamless.adapters.spi.AdapterTypes;

/** The mesh adapter's registry parameters (the documented example, loaded as written) and its NHSMESH header. */
class MeshSettingsTest {
    private static final Map<String, String> SECRETS = Map.of("MESH_PASSWORD", "mailbox-pass",
            "MESH_SHARED_SECRET", "shared-key", "MESH_KEY_STORE_PASSWORD", "ks-pass",
            "MESH_TRUST_STORE_PASSWORD", "ts-pass");

    @Test
    void theRegistryEntryOfTheFlowGuideLoadsAsWritten() throws Exception {
        String guide = Files.readString(Path.of("..", "docs", "flows", "mesh.md"));
        int start = guide.indexOf("```yaml\n") + "```yaml\n".length();
        String yaml = "agencies:\n" + guide.substring(start, guide.indexOf("```", start));
        AgencyConfig agency = new AgencyRegistryLoader(AdapterTypes.discover(), this::resolve)
                .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "mesh.md").all().get(0);

        MeshSettings s = MeshSettings.of(agency);

        assertThat(agency.adapter().type()).isEqualTo(MeshAdapterType.NAME);
        assertThat(s.mailbox()).isEqualTo("X26COUNCIL01");
        assertThat(s.ownMailbox()).isEqualTo("X26SEAMLESS1");
        assertThat(s.workflowFor("discharge-notice")).contains("SEAMLESS_CARE_ACT");
        assertThat(s.workflowFor("alert-access")).contains("SEAMLESS_ALERT");
        assertThat(s.chunkSize()).isEqualTo(20_000_000);
        assertThat(s.keyStore()).isPresent();
        assertThat(s.toString()).doesNotContain("mailbox-pass", "shared-key", "ks-pass", "ts-pass");
    }

    @Test
    void workflowIdsAreEventPairsWithAnOptionalDefault() {
        Map<String, String> p = params();
        p.put(MeshAdapterType.WORKFLOW_IDS, "discharge-notice=WF_A");
        assertThat(MeshSettings.of("la", p).workflowFor("alert-access")).isEmpty();
        p.put(MeshAdapterType.WORKFLOW_IDS, "discharge-notice");
        assertThatThrownBy(() -> MeshSettings.of("la", p)).hasMessageContaining("workflow-ids");
        p.put(MeshAdapterType.WORKFLOW_IDS, "a=X, a=Y");
        assertThatThrownBy(() -> MeshSettings.of("la", p)).hasMessageContaining("each event once");
        p.put(MeshAdapterType.WORKFLOW_IDS, "*=X");
        p.put(MeshAdapterType.MAILBOX, "lower-case");
        assertThatThrownBy(() -> MeshSettings.of("la", p)).hasMessageContaining("mailbox id");
    }

    @Test
    void theAuthorisationHeaderIsTheHmacOfMailboxNonceCountPasswordAndTimestamp() throws Exception {
        Clock at = Clock.fixed(Instant.parse("2026-12-06T09:05:30Z"), ZoneOffset.UTC);
        String header = new MeshAuthorization("X26HUB", "pw", "env-secret", at).header();

        assertThat(header).startsWith("NHSMESH X26HUB:");
        String[] p = header.substring("NHSMESH ".length()).split(":");
        assertThat(p).hasSize(5);
        assertThat(p[2]).isEqualTo("0");
        assertThat(p[3]).isEqualTo("202612060905");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("env-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal(("X26HUB:" + p[1] + ":0:pw:202612060905").getBytes(StandardCharsets.UTF_8));
        assertThat(MessageDigest.isEqual(expected, HexFormat.of().parseHex(p[4]))).isTrue();
        // a fresh nonce each time: MESH accepts a token once
        assertThat(new MeshAuthorization("X26HUB", "pw", "env-secret", at).header()).isNotEqualTo(header);
    }

    @Test
    void theReasonSaysExpiryOrNonDeliveryByMeshsCodeNeverItsText() {
        assertThat(MeshPoll.reason("SEND", "14", "M1")).contains(MeshPoll.EXPIRED).contains("status 14");
        assertThat(MeshPoll.reason("TRANSFER", "14", "M1")).contains(MeshPoll.NOT_DELIVERED);
        assertThat(MeshPoll.reason(null, "<script>", "M1")).contains("status ?");
    }

    @Test
    void aChunkRangeGivesTheNumberOfChunks() {
        assertThat(MeshClient.totalChunks("1:3")).isEqualTo(3);
        assertThat(MeshClient.totalChunks(null)).isEqualTo(1);
        assertThat(MeshClient.totalChunks("junk")).isEqualTo(1);
    }

    private Map<String, String> params() {
        Map<String, String> p = new HashMap<>();
        p.put(MeshAdapterType.BASE_URL, "https://mesh.example");
        p.put(MeshAdapterType.MAILBOX, "X26LA");
        p.put(MeshAdapterType.OWN_MAILBOX, "X26HUB");
        p.put(MeshAdapterType.OWN_MAILBOX_PASSWORD, "pw");
        p.put(MeshAdapterType.SHARED_SECRET, "s");
        return p;
    }

    private String resolve(String s) {
        String out = s;
        for (var e : SECRETS.entrySet()) {
            out = out.replace("${" + e.getKey() + "}", e.getValue());
        }
        return out;
    }
}
