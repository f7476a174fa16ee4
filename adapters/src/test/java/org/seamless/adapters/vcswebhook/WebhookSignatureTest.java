package org.seamless.adapters.vcswebhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Standard Webhooks signer and verifier; delivery as a charity sees it is in StandardWebhooksDeliveryTest. */
class WebhookSignatureTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private final String secret = whsec();
    private final WebhookSignature signer = new WebhookSignature(secret);
    private final byte[] body = "{\"type\":\"referral\"}".getBytes(StandardCharsets.UTF_8);
    private final String id = WebhookSignature.eventId("trust_3f2a6c1e-8d3b-4b1a-9c55-0d6a1f0e9b21", 0);
    private final String ts = Long.toString(NOW.getEpochSecond());

    @Test
    void signsAsV1CommaBase64AndVerifies() {
        String sig = signer.sign(NOW.getEpochSecond(), id, body);
        assertThat(sig).matches("v1,[A-Za-z0-9+/]{43}=");
        assertThat(signer.verify(id, ts, sig, body, NOW)).isEqualTo(WebhookSignature.Verdict.VALID);
    }

    @Test
    void aChangedBodyIdTimestampOrSecretFailsAndAnOldTimestampIsOutsideTheWindow() {
        String sig = signer.sign(NOW.getEpochSecond(), id, body);
        assertThat(signer.verify(id, ts, sig, "{}".getBytes(StandardCharsets.UTF_8), NOW))
                .isEqualTo(WebhookSignature.Verdict.BAD_SIGNATURE);
        assertThat(signer.verify("other:0", ts, sig, body, NOW)).isEqualTo(WebhookSignature.Verdict.BAD_SIGNATURE);
        assertThat(new WebhookSignature(whsec()).verify(id, ts, sig, body, NOW)).isEqualTo(WebhookSignature.Verdict.BAD_SIGNATURE);
        Instant old = NOW.minus(Duration.ofMinutes(6));
        assertThat(signer.verify(id, Long.toString(old.getEpochSecond()), signer.sign(old.getEpochSecond(), id, body),
                body, NOW)).isEqualTo(WebhookSignature.Verdict.OUTSIDE_WINDOW);
        assertThat(signer.verify(null, ts, sig, body, NOW)).isEqualTo(WebhookSignature.Verdict.MALFORMED);
    }

    @Test
    void withTwoSecretsBothSignAndEitherVerifies() {
        String previous = whsec();
        String sig = new WebhookSignature(List.of(secret, previous), Duration.ofMinutes(5)).sign(NOW.getEpochSecond(), id, body);
        assertThat(sig.split(" ")).hasSize(2);
        assertThat(signer.verify(id, ts, sig, body, NOW)).isEqualTo(WebhookSignature.Verdict.VALID);
        assertThat(new WebhookSignature(previous).verify(id, ts, sig, body, NOW)).isEqualTo(WebhookSignature.Verdict.VALID);
    }

    @Test
    void aTextSecretIsItsUtf8BytesAndItsWhsecFormIsTheSameKey() {
        String text = "a-registry-secret-made-earlier-0123";
        String whsec = WebhookSignature.standardSecret(text);
        assertThat(whsec).isEqualTo("whsec_" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        String sig = new WebhookSignature(text).sign(NOW.getEpochSecond(), id, body);
        assertThat(new WebhookSignature(whsec).verify(id, ts, sig, body, NOW)).isEqualTo(WebhookSignature.Verdict.VALID);
        assertThat(WebhookSignature.standardSecret(secret)).isEqualTo(secret);
    }

    @Test
    void shortOrUndecodableSecretsAreRefusedWithoutRepeatingThemAndToStringHidesThem() {
        assertThatThrownBy(() -> new WebhookSignature("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short\"");
        assertThatThrownBy(() -> new WebhookSignature("whsec_!!!not-base64")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("not-base64");
        assertThatThrownBy(() -> new WebhookSignature("whsec_" + Base64.getEncoder().encodeToString(new byte[8])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(signer.toString()).doesNotContain(secret.substring(6, 20));
    }

    private static String whsec() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
