package org.seamless.testsupport.mns;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.seamless.adapters.vcswebhook.WebhookSignature;

/**
 * A stand-in for the Multicast Notification Service publishing PDS identity events to a subscriber's HTTPS
 * endpoint, since no MNS environment can be reached from the build machines.
 *
 * <p><b>Follows</b> the CloudEvents signal examples and schemas under {@code specification/schemas/cloudevents/}
 * of github.com/NHSDigital/multicast-notification-service at commit {@value #SPEC_COMMIT}
 * ({@code pdsDeath2Signal.json}, {@code nhsNumberChange2Signal.json}, {@code nhsNumberChangeSignal.yaml}), read
 * for their shape only (no code of that repository is used): event types {@code nhs-number-change-2} and
 * {@code pds-death-notification-2}; MNS publishes no address change event, so {@code pds-change-of-address-1} is
 * this project's assumption (ADR 0084). Delivery: one signal per POST; MNS retries a delivery that is not
 * answered 2xx, which {@link #publishUntilSettled} models with a bounded number of attempts.
 *
 * <p><b>Deliberately not modelled:</b> subscription management; MNS's own authentication of subscribers (mTLS
 * and the API platform's signature): the hub's subscriber checks a Standard Webhooks signature (ADR 0049) instead;
 * the PDS read through {@code dataref} (the signal carries what it would return, see {@link MnsSignal}); the
 * FHIR subscription-notification Bundle form of the same events.
 */
public final class MnsSimulator {
    /** Commit of github.com/NHSDigital/multicast-notification-service the examples were read at. */
    public static final String SPEC_COMMIT = "29d48dbff0ad29a31ae508c6502986a5955e3c79";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI endpoint;
    private final WebhookSignature signer;
    private final Clock clock;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    /** One delivery attempt and the subscriber's answer. */
    public record Delivery(MnsSignal signal, int status, String body) {
    }

    public MnsSimulator(URI endpoint, String signingSecret, Clock clock) {
        this.endpoint = endpoint;
        this.signer = new WebhookSignature(signingSecret);
        this.clock = clock;
    }

    /** Delivers the signal once, signed; returns the subscriber's answer. */
    public HttpResponse<String> publish(MnsSignal signal) throws Exception {
        return send(signal, signal.toJson().getBytes(StandardCharsets.UTF_8), true);
    }

    /** Delivers raw bytes under the signal's id (for malformed bodies), signed or not. */
    public HttpResponse<String> send(MnsSignal signal, byte[] body, boolean signed) throws Exception {
        long now = clock.instant().getEpochSecond();
        HttpRequest.Builder req = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/cloudevents+json")
                .header(WebhookSignature.EVENT_ID_HEADER, signal.id())
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signed) {
            req.header(WebhookSignature.SIGNATURE_HEADER, signer.sign(now, signal.id(), body));
        }
        HttpResponse<String> r = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
        deliveries.add(new Delivery(signal, r.statusCode(), r.body()));
        return r;
    }

    /** Delivers until the subscriber answers 2xx or 4xx, at most {@code attempts} times (MNS retries the rest). */
    public HttpResponse<String> publishUntilSettled(MnsSignal signal, int attempts) throws Exception {
        HttpResponse<String> r = publish(signal);
        for (int i = 1; i < attempts && r.statusCode() >= 500; i++) {
            r = publish(signal);
        }
        return r;
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }
}
