package org.seamless.adapters.failure;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;

/**
 * The one classification of delivery failures, for every sink type (FHIR push, webhook, ITK SOAP,
 * CSV file and SFTP). The table in docs/operations.md is this class:
 * <ul>
 * <li>no answer (connection refused, reset or closed, timeout, unknown host, TLS handshake failure),
 *     HTTP 408, 425, 429 and every 5xx, a SOAP {@code Server}/{@code Receiver} fault that is not an ITK
 *     business fault, a file transfer failure: {@link FailureKind#TRANSIENT};</li>
 * <li>a business refusal (ITK business fault, FHIR error OperationOutcome, a 4xx problem document):
 *     {@link FailureKind#REFUSAL} (the sink reads the refusal from the answer);</li>
 * <li>any other 4xx (401, 403, 404, 405, 407, 413, 414, 415, 431, or a 4xx without a refusal in it),
 *     a SOAP {@code Client}/{@code Sender}/{@code VersionMismatch}/{@code MustUnderstand} fault, any other
 *     exception: {@link FailureKind#FAULT}.</li>
 * </ul>
 */
public final class DeliveryFailureClassifier {
    /** HTTP statuses that mean "not now": the partner or a gateway in front of it is away or busy. */
    static final Set<Integer> TRANSIENT_4XX = Set.of(408, 425, 429);
    /** 4xx answers that mean "our request or set-up is wrong", never a business refusal. */
    public static final Set<Integer> SETUP_4XX = Set.of(401, 403, 404, 405, 407, 413, 414, 415, 431);
    /** The longest Retry-After honoured; a longer one is read as this (the deadline still applies). */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
    private static final List<Class<? extends Throwable>> NO_ANSWER = List.of(ConnectException.class,
            NoRouteToHostException.class, SocketTimeoutException.class, HttpTimeoutException.class,
            UnknownHostException.class, SSLHandshakeException.class, SocketException.class, EOFException.class,
            ClosedChannelException.class, InterruptedIOException.class);

    private DeliveryFailureClassifier() {
    }

    /** An HTTP answer that is not a success; {@code mayBeRefusal} when the caller found a refusal in its body. */
    public static FailureKind ofHttpStatus(int status, boolean refusalInBody) {
        if (status == 429 || TRANSIENT_4XX.contains(status) || (status >= 500 && status <= 599)) {
            return FailureKind.TRANSIENT;
        }
        if (status >= 400 && status < 500 && !SETUP_4XX.contains(status) && refusalInBody) {
            return FailureKind.REFUSAL;
        }
        return FailureKind.FAULT;
    }

    /** A SOAP fault, by the local part of its fault code; {@code businessFault} when it carries an ITK business fault. */
    public static FailureKind ofSoapFault(String faultCode, boolean businessFault) {
        if (businessFault) {
            return FailureKind.REFUSAL;
        }
        String code = faultCode == null ? "" : faultCode.strip();
        return "Server".equalsIgnoreCase(code) || "Receiver".equalsIgnoreCase(code)
                ? FailureKind.TRANSIENT : FailureKind.FAULT;
    }

    /** An exception with no answer behind it: I/O failures are transient, anything else a fault. */
    public static FailureKind ofException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDeliveryException) {
                return FailureKind.TRANSIENT;
            }
            Throwable probe = t;
            if (NO_ANSWER.stream().anyMatch(c -> c.isInstance(probe)) || t instanceof IOException) {
                return FailureKind.TRANSIENT;
            }
            if ("org.apache.camel.component.file.GenericFileOperationFailedException".equals(t.getClass().getName())) {
                return FailureKind.TRANSIENT;
            }
        }
        return FailureKind.FAULT;
    }

    /**
     * An HTTP {@code Retry-After} value (delta-seconds or an HTTP-date), capped at one hour; empty
     * when absent, unreadable or already past.
     */
    public static Optional<Duration> retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        Duration d;
        try {
            d = Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException e) {
            try {
                d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT))
                        .toInstant());
            } catch (DateTimeParseException dateFailure) {
                return Optional.empty();
            }
        }
        if (d.isNegative() || d.isZero()) {
            return Optional.empty();
        }
        return Optional.of(d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d);
    }

    /** The exception a sink throws for a failed HTTP answer that is not a refusal: transient or a fault. */
    public static RuntimeException httpFailure(String who, int status, String retryAfterHeader, Instant now) {
        String text = who + " answered HTTP " + status;
        if (ofHttpStatus(status, false) == FailureKind.TRANSIENT) {
            return new TransientDeliveryException(text, null, retryAfter(retryAfterHeader, now).orElse(null));
        }
        return new DeliveryFaultException(text + " (not retried beyond the broker's budget: check the agency's set-up)");
    }
}
