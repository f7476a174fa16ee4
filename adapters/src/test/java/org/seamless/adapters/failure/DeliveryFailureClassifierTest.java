package org.seamless.adapters.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The failure table of docs/operations.md, row by row: one classification for every sink type. */
class DeliveryFailureClassifierTest {

    @ParameterizedTest(name = "HTTP {0} (refusal in body: {1}) -> {2}")
    @CsvSource({
            // gateways and busy partners: wait
            "502, false, TRANSIENT", "503, false, TRANSIENT", "504, false, TRANSIENT", "500, false, TRANSIENT",
            "408, false, TRANSIENT", "425, false, TRANSIENT", "429, false, TRANSIENT", "429, true, TRANSIENT",
            "503, true, TRANSIENT",
            // a business refusal in a 4xx
            "400, true, REFUSAL", "409, true, REFUSAL", "422, true, REFUSAL",
            // our request or set-up is wrong
            "400, false, FAULT", "422, false, FAULT", "401, true, FAULT", "403, true, FAULT", "404, true, FAULT",
            "405, false, FAULT", "407, false, FAULT", "413, true, FAULT", "415, true, FAULT", "302, false, FAULT"})
    void httpStatuses(int status, boolean refusalInBody, FailureKind expected) {
        assertThat(DeliveryFailureClassifier.ofHttpStatus(status, refusalInBody)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "SOAP fault {0} (ITK business fault: {1}) -> {2}")
    @CsvSource({"Server, false, TRANSIENT", "Receiver, false, TRANSIENT", "Client, false, FAULT",
            "Sender, false, FAULT", "VersionMismatch, false, FAULT", "MustUnderstand, false, FAULT",
            "Server, true, REFUSAL", "Client, true, REFUSAL"})
    void soapFaults(String code, boolean business, FailureKind expected) {
        assertThat(DeliveryFailureClassifier.ofSoapFault(code, business)).isEqualTo(expected);
    }

    static Stream<Arguments> exceptions() {
        return Stream.of(
                Arguments.of(new ConnectException("Connection refused"), FailureKind.TRANSIENT),
                Arguments.of(new SocketException("Connection reset"), FailureKind.TRANSIENT),
                Arguments.of(new SocketTimeoutException("Read timed out"), FailureKind.TRANSIENT),
                Arguments.of(new HttpTimeoutException("request timed out"), FailureKind.TRANSIENT),
                Arguments.of(new UnknownHostException("la.example"), FailureKind.TRANSIENT),
                Arguments.of(new SSLHandshakeException("handshake"), FailureKind.TRANSIENT),
                Arguments.of(new IOException("closed"), FailureKind.TRANSIENT),
                Arguments.of(new RuntimeException("wrapped", new ConnectException("refused")), FailureKind.TRANSIENT),
                Arguments.of(new GenericFileOperationFailedException("cannot store file"), FailureKind.TRANSIENT),
                Arguments.of(new TransientDeliveryException("away", null), FailureKind.TRANSIENT),
                Arguments.of(new DeliveryFaultException("HTTP 401"), FailureKind.FAULT),
                Arguments.of(new IllegalArgumentException("not a FHIR message"), FailureKind.FAULT),
                Arguments.of(new NullPointerException(), FailureKind.FAULT));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("exceptions")
    void exceptionsWithoutAnAnswer(Throwable failure, FailureKind expected) {
        assertThat(DeliveryFailureClassifier.ofException(failure)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Retry-After: {0} -> {1} s")
    @CsvSource(value = {"120, 120", "0, -1", "-5, -1", "soon, -1", "'', -1", "NULL, -1", "86400, 3600",
            "'Sat, 05 Dec 2026 18:02:00 GMT', 120", "'Sat, 05 Dec 2026 17:00:00 GMT', -1"}, nullValues = "NULL")
    void retryAfter(String header, long expectedSeconds) {
        Instant now = Instant.parse("2026-12-05T18:00:00Z");
        Optional<Duration> d = DeliveryFailureClassifier.retryAfter(header, now);
        assertThat(d.map(Duration::toSeconds).orElse(-1L)).isEqualTo(expectedSeconds);
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({"503, TRANSIENT", "429, TRANSIENT", "401, FAULT", "400, FAULT"})
    void httpFailuresAreThrownAsTheirKind(int status, FailureKind expected) {
        RuntimeException e = DeliveryFailureClassifier.httpFailure("partner", status, "7", Instant.now());
        assertThat(e).isInstanceOf(expected == FailureKind.TRANSIENT ? TransientDeliveryException.class
                : DeliveryFaultException.class).hasMessageContaining("HTTP " + status);
        if (e instanceof TransientDeliveryException t) {
            assertThat(t.retryAfter()).contains(Duration.ofSeconds(7));
        }
    }
}
