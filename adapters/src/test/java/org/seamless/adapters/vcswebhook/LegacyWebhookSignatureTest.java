package org.seamless.adapters.vcswebhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LegacyWebhookSignatureTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private final String secret = randomSecret();
    private final LegacyWebhookSignature signer = new LegacyWebhookSignature(secret, Duration.ofMinutes(5));
    private final byte[] body = "{\"resourceType\":\"Bundle\"}".getBytes(StandardCharsets.UTF_8);
    private final String eventId = LegacyWebhookSignature.eventId("3f2a6c1e-8d3b-4b1a-9c55-0d6a1f0e9b21", 0);

    @Test
    void aSignatureMadeBySignVerifies() {
        String sig = signer.sign(ts(NOW), eventId, body);
        assertThat(sig).matches("v1=[0-9a-f]{64}");
        assertThat(signer.verify(eventId, Long.toString(ts(NOW)), sig, body, NOW)).isEqualTo(LegacyWebhookSignature.Verdict.VALID);
    }

    @Test
    void aChangedBodyEventIdOrTimestampFails() {
        String sig = signer.sign(ts(NOW), eventId, body);
        byte[] tampered = body.clone();
        tampered[3] ^= 1;
        assertThat(signer.verify(eventId, Long.toString(ts(NOW)), sig, tampered, NOW))
                .isEqualTo(LegacyWebhookSignature.Verdict.BAD_SIGNATURE);
        assertThat(signer.verify(LegacyWebhookSignature.eventId("other", 0), Long.toString(ts(NOW)), sig, body, NOW))
                .isEqualTo(LegacyWebhookSignature.Verdict.BAD_SIGNATURE);
        assertThat(signer.verify(eventId, Long.toString(ts(NOW) + 1), sig, body, NOW))
                .isEqualTo(LegacyWebhookSignature.Verdict.BAD_SIGNATURE);
    }

    @Test
    void anotherSecretFails() {
        String sig = new LegacyWebhookSignature(randomSecret()).sign(ts(NOW), eventId, body);
        assertThat(signer.verify(eventId, Long.toString(ts(NOW)), sig, body, NOW))
                .isEqualTo(LegacyWebhookSignature.Verdict.BAD_SIGNATURE);
    }

    @Test
    void aGenuineButOldOrFutureRequestIsOutsideTheWindow() {
        Instant old = NOW.minus(Duration.ofMinutes(5)).minusSeconds(1);
        assertThat(signer.verify(eventId, Long.toString(ts(old)), signer.sign(ts(old), eventId, body), body, NOW))
                .isEqualTo(LegacyWebhookSignature.Verdict.OUTSIDE_WINDOW);
        Instant future = NOW.plus(Duration.ofMinutes(6));
        assertThat(signer.verify(eventId, Long.toString(ts(future)), signer.sign(ts(future), eventId, body), body, NOW))
                .isEqualTo(LegacyWebhookSignature.Verdict.OUTSIDE_WINDOW);
        Instant edge = NOW.minus(Duration.ofMinutes(5));
        assertThat(signer.verify(eventId, Long.toString(ts(edge)), signer.sign(ts(edge), eventId, body), body, NOW))
                .isEqualTo(LegacyWebhookSignature.Verdict.VALID);
    }

    @Test
    void rotationAcceptsAnyOfSeveralSignatures() {
        String other = new LegacyWebhookSignature(randomSecret()).sign(ts(NOW), eventId, body);
        String both = other + ", " + signer.sign(ts(NOW), eventId, body);
        assertThat(signer.verify(eventId, Long.toString(ts(NOW)), both, body, NOW)).isEqualTo(LegacyWebhookSignature.Verdict.VALID);
    }

    @Test
    void missingOrMalformedHeadersAreMalformed() {
        String sig = signer.sign(ts(NOW), eventId, body);
        assertThat(signer.verify(null, Long.toString(ts(NOW)), sig, body, NOW)).isEqualTo(LegacyWebhookSignature.Verdict.MALFORMED);
        assertThat(signer.verify(eventId, "yesterday", sig, body, NOW)).isEqualTo(LegacyWebhookSignature.Verdict.MALFORMED);
        assertThat(signer.verify(eventId, Long.toString(ts(NOW)), "v1=zz", body, NOW))
                .isEqualTo(LegacyWebhookSignature.Verdict.BAD_SIGNATURE);
    }

    @Test
    void bytesCannotMoveBetweenEventIdAndBody() {
        // "<ts>.<id>.<body>": with id "a" and body "b.{}" the signed string equals id "a.b" with body "{}"
        byte[] shifted = "b.{}".getBytes(StandardCharsets.UTF_8);
        String sig = signer.sign(ts(NOW), "a", shifted);
        assertThat(signer.verify("a.b", Long.toString(ts(NOW)), sig, "{}".getBytes(StandardCharsets.UTF_8), NOW))
                .isEqualTo(LegacyWebhookSignature.Verdict.MALFORMED);
        assertThatThrownBy(() -> signer.sign(ts(NOW), "a.b", body)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventIdsAreStablePerGenerationAndEscapeDots() {
        assertThat(LegacyWebhookSignature.eventId("m-1", 0)).isEqualTo("m-1:0");
        assertThat(LegacyWebhookSignature.eventId("m-1", 2)).isEqualTo("m-1:2");
        assertThat(LegacyWebhookSignature.eventId("a.b", 0)).isEqualTo("a%2Eb:0").isNotEqualTo(LegacyWebhookSignature.eventId("a_b", 0));
    }

    @Test
    void theSecretNeverAppearsInToStringAndShortSecretsAreRefused() {
        assertThat(signer.toString()).doesNotContain(secret);
        assertThatThrownBy(() -> new LegacyWebhookSignature("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short");
    }

    private static long ts(Instant i) {
        return i.getEpochSecond();
    }

    private static String randomSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
