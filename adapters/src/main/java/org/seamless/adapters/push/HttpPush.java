package org.seamless.adapters.push;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;

/**
 * One HTTP POST from a sink to an agency system. A connection failure or a timeout throws
 * {@link RetryLaterException} (transient: the message waits, see the outage policy); an answer that
 * is neither a success nor a business refusal is classified by {@link Answer#failure}.
 * Answers are read up to a limit; their bodies are never logged (they may echo personal data).
 */
public final class HttpPush {
    /** 4xx answers that mean "our request or set-up is wrong" (auth, address, size, rate), never a business refusal. */
    static final Set<Integer> NOT_A_REFUSAL = Set.of(401, 403, 404, 405, 407, 408, 413, 414, 415, 425, 429, 431);
    static {
        // why: one table (DeliveryFailureClassifier) says which statuses are set-up faults; this list must cover it
        if (!NOT_A_REFUSAL.containsAll(org.seamless.adapters.failure.DeliveryFailureClassifier.SETUP_4XX)) {
            throw new ExceptionInInitializerError("NOT_A_REFUSAL must contain every set-up status");
        }
    }
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final String rawUrl;
    private final Duration timeout;
    private final HttpClient client;
    private volatile URI resolved;

    /**
     * @param rawUrl  absolute http(s) URL; may hold Camel property placeholders such as
     *                {@code {{local.server.port}}}, resolved against the application's configuration at
     *                the first send (after the web server has its port), not when the registry is read
     * @param timeout connect and answer timeout
     */
    public HttpPush(String rawUrl, Duration timeout) {
        this.rawUrl = rawUrl;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
        if (!rawUrl.contains("{{")) {
            resolved = check(rawUrl);
        }
    }

    /** What the agency system answered: status, content type, the first bytes of the body and any Retry-After. */
    public record Answer(int status, String contentType, byte[] body, String retryAfter) {
        public Answer(int status, String contentType, byte[] body) {
            this(status, contentType, body, null);
        }

        public boolean success() {
            return status >= 200 && status < 300;
        }

        /** A 4xx that may carry a business refusal (the caller still checks the body says so). */
        public boolean mayBeRefusal() {
            return status >= 400 && status < 500 && !NOT_A_REFUSAL.contains(status);
        }

        /**
         * The exception for an answer that is neither a success nor a refusal, as
         * {@link org.seamless.adapters.failure.DeliveryFailureClassifier} classifies its status:
         * a {@link RetryLaterException} (transient, with the answer's Retry-After) or a fault.
         */
        public RuntimeException failure(String who) {
            RuntimeException e = org.seamless.adapters.failure.DeliveryFailureClassifier.httpFailure(who, status,
                    retryAfter, java.time.Instant.now());
            return e instanceof org.seamless.adapters.failure.TransientDeliveryException t
                    ? new RetryLaterException(t.getMessage(), null, t.retryAfter().orElse(null)) : e;
        }
    }

    /** POSTs the body; returns the answer, or throws {@link RetryLaterException} when no answer came. */
    public Answer post(CamelContext camel, String pathAndQuery, Map<String, String> headers, byte[] body) {
        return send(camel, pathAndQuery, headers, "POST", body);
    }

    /** PUTs the body (a FHIR conditional update); same answers and failures as {@link #post}. */
    public Answer put(CamelContext camel, String pathAndQuery, Map<String, String> headers, byte[] body) {
        return send(camel, pathAndQuery, headers, "PUT", body);
    }

    private Answer send(CamelContext camel, String pathAndQuery, Map<String, String> headers, String method, byte[] body) {
        HttpRequest.Builder req = HttpRequest.newBuilder(target(camel, pathAndQuery)).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(req::header);
        try {
            HttpResponse<InputStream> resp = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = resp.body()) {
                return new Answer(resp.statusCode(), resp.headers().firstValue("Content-Type").orElse(""),
                        in.readNBytes(MAX_ANSWER_BYTES), resp.headers().firstValue("Retry-After").orElse(null));
            }
        } catch (IOException e) {
            // why: the class name only; I/O messages can carry URLs with credentials in them
            throw new RetryLaterException("no answer from the agency system (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLaterException("interrupted while waiting for the agency system", e);
        }
    }

    private URI target(CamelContext camel, String pathAndQuery) {
        URI base = resolved;
        if (base == null) {
            base = check(camel.resolvePropertyPlaceholders(rawUrl));
            resolved = base;
        }
        String b = base.toString();
        return URI.create(b.endsWith("/") && pathAndQuery.startsWith("/") ? b + pathAndQuery.substring(1) : b + pathAndQuery);
    }

    private static URI check(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid URL (value not repeated)");
        }
        if (!uri.isAbsolute() || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("must be an absolute http or https URL");
        }
        return uri;
    }

    /** Thrown when the agency system is away or busy (no answer, a timeout, 408, 429, 5xx): the message waits. */
    public static final class RetryLaterException extends org.seamless.adapters.failure.TransientDeliveryException {
        public RetryLaterException(String message) {
            super(message, null);
        }

        public RetryLaterException(String message, Throwable cause) {
            super(message, cause);
        }

        public RetryLaterException(String message, Throwable cause, java.time.Duration retryAfter) {
            super(message, cause, retryAfter);
        }
    }
}
