package org.seamless.ops.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.SharedContext;

/**
 * Kept bad input is personal data at rest: its payload is stored encrypted, only the operator key
 * reads it back (decrypted, unchanged), and retention deletes it.
 */
@SharedContext
class QuarantineAtRestIT extends SeamlessTestBase {
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Quarantine quarantine;

    @Test
    void keptInputIsEncryptedReadableOnlyByOperatorsAndDeletedAfterRetention() throws Exception {
        TestNotices.Notice good = TestNotices.discharge(7301);
        String badNumber = TestNhsNumbers.badCheckDigit(new java.util.Random(73));
        String json = good.json().replace(good.details().nhsNumber().value(), badNumber);
        assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", json).statusCode()).isEqualTo(400);

        Map<String, Object> row = jdbc.queryForMap("SELECT id, payload, payload_key_id FROM quarantine WHERE message_id = ?",
                good.messageId());
        String id = (String) row.get("id");
        String stored = new String((byte[]) row.get("payload"), StandardCharsets.ISO_8859_1);
        assertThat(row.get("payload_key_id")).isNotNull();
        assertThat(stored).doesNotContain(badNumber).doesNotContain(good.details().familyName())
                .doesNotContain("Bundle").doesNotContain("resourceType");

        assertThat(get("/api/ops/quarantine", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/ops/quarantine/" + id, ENV.igApiKey()).statusCode()).isEqualTo(401);
        assertThat(get("/api/ops/quarantine/" + id, ENV.apiKey(TestEnvironment.TRUST)).statusCode()).isEqualTo(401);
        HttpResponse<String> list = get("/api/ops/quarantine?limit=500", ENV.opsApiKey());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(id).doesNotContain(badNumber);
        HttpResponse<String> item = get("/api/ops/quarantine/" + id, ENV.opsApiKey());
        assertThat(item.statusCode()).isEqualTo(200);
        assertThat(quarantine.read(id).orElseThrow().payload()).isEqualTo(json.getBytes(StandardCharsets.UTF_8));

        Instant kept = quarantine.read(id).orElseThrow().receivedAt();
        quarantine.purge(kept.plus(Duration.ofDays(29)));
        assertThat(quarantine.read(id)).isPresent();
        assertThat(quarantine.purge(kept.plus(Duration.ofDays(30)).plusSeconds(1))).isGreaterThanOrEqualTo(1);
        assertThat(quarantine.read(id)).isEmpty();
        assertThat(get("/api/ops/quarantine/" + id, ENV.opsApiKey()).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (key != null) {
            req.header("X-API-Key", key);
        }
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }
}
