package org.seamless.adapters.vcswebhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.registry.AdapterConfig;
import org.seamless.adapters.spi.AgencyMailbox;
import org.seamless.adapters.spi.DeliveryJournal;
import org.seamless.mappings.canonical.BrokerHeaders;

/**
 * A webhook as a charity receives it, checked with an implementation of the Standard Webhooks
 * specification written here from the specification (not Seamless's {@link WebhookSignature}): the
 * {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature} headers, the
 * {@code whsec_} secret, several {@code v1,} signatures while a secret is rotated, the timestamp
 * tolerance, and today's {@code Seamless-*} headers only when the registry entry asks for them.
 */
class StandardWebhooksDeliveryTest {
    private static final Instant NOW = Instant.parse("2026-12-05T20:00:00Z");
    private HttpServer server;
    private final List<Map<String, List<String>>> headers = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();
    private CamelContext camel;

    @BeforeEach
    void receiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            bodies.add(ex.getRequestBody().readAllBytes());
            headers.add(Map.copyOf(ex.getRequestHeaders()));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        camel = new DefaultCamelContext();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aDeliveredWebhookVerifiesWithTheSpecificationAndTheWhsecSecret() throws Exception {
        String secret = whsec();
        deliver(Map.of(VcsWebhookAdapterType.WEBHOOK_SECRET, secret));

        String id = header("webhook-id");
        assertThat(id).isEqualTo("trust-a_m-1:0");
        assertThat(header("webhook-timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(header("webhook-signature")).matches("v1,[A-Za-z0-9+/]{43}=");
        assertThat(SpecVerifier.verify(secret, headers.get(0), bodies.get(0), NOW)).isEqualTo("valid");
        assertThat(SpecVerifier.verify(whsec(), headers.get(0), bodies.get(0), NOW)).isEqualTo("no matching signature");
        byte[] tampered = bodies.get(0).clone();
        tampered[0] ^= 1;
        assertThat(SpecVerifier.verify(secret, headers.get(0), tampered, NOW)).isEqualTo("no matching signature");
        assertThat(headers.get(0).keySet()).map(String::toLowerCase).doesNotContain("seamless-signature",
                "seamless-timestamp", "seamless-event-id");
    }

    @Test
    void theTimestampToleranceIsFiveMinutesEitherWay() throws Exception {
        String secret = whsec();
        deliver(Map.of(VcsWebhookAdapterType.WEBHOOK_SECRET, secret));
        Map<String, List<String>> h = headers.get(0);
        assertThat(SpecVerifier.verify(secret, h, bodies.get(0), NOW.plus(Duration.ofMinutes(5)))).isEqualTo("valid");
        assertThat(SpecVerifier.verify(secret, h, bodies.get(0), NOW.plus(Duration.ofMinutes(5)).plusSeconds(1)))
                .isEqualTo("timestamp outside the tolerance");
        assertThat(SpecVerifier.verify(secret, h, bodies.get(0), NOW.minus(Duration.ofMinutes(5)).minusSeconds(1)))
                .isEqualTo("timestamp outside the tolerance");
    }

    @Test
    void whileASecretIsRotatedEachDeliveryCarriesASignatureForTheNewAndThePreviousSecret() throws Exception {
        String next = whsec();
        String previous = whsec();
        deliver(Map.of(VcsWebhookAdapterType.WEBHOOK_SECRET, next, VcsWebhookAdapterType.WEBHOOK_SECRET_PREVIOUS, previous));

        assertThat(header("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThat(SpecVerifier.verify(next, headers.get(0), bodies.get(0), NOW)).isEqualTo("valid");
        assertThat(SpecVerifier.verify(previous, headers.get(0), bodies.get(0), NOW)).isEqualTo("valid");
        assertThat(SpecVerifier.verify(whsec(), headers.get(0), bodies.get(0), NOW)).isEqualTo("no matching signature");
    }

    @Test
    void aRegistrySecretWithoutThePrefixIsTheKeyAsTextAndItsWhsecFormVerifies() throws Exception {
        String legacySecret = "an-older-registry-secret-0123456789";
        deliver(Map.of(VcsWebhookAdapterType.WEBHOOK_SECRET, legacySecret));
        String whsec = "whsec_" + Base64.getEncoder().encodeToString(legacySecret.getBytes(StandardCharsets.UTF_8));
        assertThat(WebhookSignature.standardSecret(legacySecret)).isEqualTo(whsec);
        assertThat(SpecVerifier.verify(whsec, headers.get(0), bodies.get(0), NOW)).isEqualTo("valid");
    }

    @Test
    void todaysSignatureIsSentAsWellOnlyWhenTheRegistryEntryAsksForIt() throws Exception {
        String secret = "an-older-registry-secret-0123456789";
        deliver(Map.of(VcsWebhookAdapterType.WEBHOOK_SECRET, secret, VcsWebhookAdapterType.LEGACY_SIGNATURE, "true"));
        Map<String, List<String>> h = headers.get(0);
        String ts = Long.toString(NOW.getEpochSecond());
        // the old scheme, recomputed here: v1=<hex HMAC-SHA-256 of "timestamp.event-id.body">, key the secret's text
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((ts + ".trust-a_m-1:0.").getBytes(StandardCharsets.UTF_8));
        String expected = "v1=" + java.util.HexFormat.of().formatHex(mac.doFinal(bodies.get(0)));
        assertThat(first(h, "Seamless-Signature")).isEqualTo(expected);
        assertThat(first(h, "Seamless-Event-Id")).isEqualTo("trust-a_m-1:0");
        assertThat(first(h, "Seamless-Timestamp")).isEqualTo(ts);
        assertThat(SpecVerifier.verify(WebhookSignature.standardSecret(secret), h, bodies.get(0), NOW)).isEqualTo("valid");
    }

    // --- a webhook through the production push --------------------------------------------------------------

    private void deliver(Map<String, String> params) throws Exception {
        Map<String, String> p = new java.util.HashMap<>(params);
        p.put(VcsWebhookAdapterType.WEBHOOK_URL, "http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        WebhookPush push = WebhookSink.push("charity-b", new AdapterConfig(VcsWebhookAdapterType.NAME, p),
                new NoJournal(), Clock.fixed(NOW, ZoneOffset.UTC), AgencyMailbox.NONE);
        Exchange ex = new DefaultExchange(camel);
        ex.getMessage().setBody("{\"resourceType\":\"Parameters\"}");
        ex.getMessage().setHeader(BrokerHeaders.MESSAGE_ID, "m-1");
        ex.getMessage().setHeader(BrokerHeaders.SOURCE_AGENCY, "trust-a");
        ex.getMessage().setHeader(BrokerHeaders.REPLAY_GENERATION, 0);
        push.process(ex);
        assertThat(bodies).hasSize(1);
    }

    private String header(String name) {
        return first(headers.get(0), name);
    }

    private static String first(Map<String, List<String>> h, String name) {
        return h.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                .findFirst().orElse(null);
    }

    private static String whsec() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** Standard Webhooks verification, from the specification (https://www.standardwebhooks.com/). */
    static final class SpecVerifier {
        static String verify(String secret, Map<String, List<String>> h, byte[] body, Instant now) throws Exception {
            String id = first(h, "webhook-id");
            String ts = first(h, "webhook-timestamp");
            String sigs = first(h, "webhook-signature");
            if (id == null || ts == null || sigs == null) {
                return "missing header";
            }
            if (Math.abs(now.getEpochSecond() - Long.parseLong(ts)) > 5 * 60) {
                return "timestamp outside the tolerance";
            }
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + ts + "." + new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
            for (String versioned : sigs.split(" ")) {
                String[] parts = versioned.split(",", 2);
                if (parts.length == 2 && parts[0].equals("v1")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                    return "valid";
                }
            }
            return "no matching signature";
        }
    }

    static final class NoJournal implements DeliveryJournal {
        @Override
        public void delivered(String recipientAgency, String sourceAgency, String messageId, int replayGeneration,
                              String detail) {
        }

        @Override
        public void refused(String recipientAgency, String sourceAgency, String messageId, int replayGeneration,
                            String reason) {
        }
    }
}
