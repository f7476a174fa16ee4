package org.seamless.adapters.nhsfhir;

import java.time.Duration;
import org.apache.camel.Exchange;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.Sink;

/**
 * Pushes each message released to an NHS trust to the trust's FHIR server as
 * {@code POST [endpoint]/$process-message?async=true} (FHIR messaging; the trust acknowledges
 * receipt and any response message comes back later through the hub's own {@code $process-message}).
 * Run in the shared sink route ({@link org.seamless.adapters.spi.AgencySinkRoute}), in a broker transaction:
 * <ul>
 * <li>2xx: delivered, recorded in the delivery journal;</li>
 * <li>4xx with an OperationOutcome holding an error (401, 403, 404, 408, 429 and similar excepted),
 *     or a 2xx {@code fatal-error} response message: a business refusal, recorded as refused with the
 *     issue codes only, and consumed;</li>
 * <li>no answer, a timeout, 408, 429, 5xx or a {@code transient-error} response: transient, handled by
 *     the shared outage policy (the message waits, {@link AdapterContext#SINK_ROUTE_CONFIGURATION});</li>
 * <li>any other answer: an exception, so the transaction rolls back and the broker redelivers with
 *     backoff, then moves the message to the agency's dead-letter address.</li>
 * </ul>
 * <p><b>What the trust's server must honour.</b> A message can reach it more than once (a crash or
 * timeout after the trust accepted it but before the broker transaction committed). The
 * idempotency key is {@code MessageHeader.id}, stable across redeliveries and replays: the server
 * must answer a message whose {@code MessageHeader.id} it has already accepted with a 2xx again and
 * must not act on it a second time. A replay from the dead-letter address keeps the same id.
 * <p>Parameters: {@code endpoint} (may use {@code {{...}}} placeholders, resolved at the first
 * send), {@code auth-token} (optional bearer token, a secret), {@code timeout-ms}.
 */
public class NhsFhirSink implements Sink {
    private final TrustPush push;

    public NhsFhirSink(AgencyConfig agency, AdapterContext context) {
        var params = agency.adapter();
        try {
            push = new TrustPush(agency.id(), params.requiredParam(NhsFhirAdapterType.ENDPOINT),
                    Duration.ofMillis(Long.parseLong(params.requiredParam(NhsFhirAdapterType.TIMEOUT_MS))),
                    params.param(NhsFhirAdapterType.AUTH_TOKEN), context.deliveries());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("agency " + agency.id() + ": adapter parameter '"
                    + NhsFhirAdapterType.ENDPOINT + "' or '" + NhsFhirAdapterType.TIMEOUT_MS + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "fhir";
    }

    @Override
    public String step() {
        return "fhir-push";
    }

    @Override
    public void deliver(Exchange exchange) throws Exception {
        push.process(exchange);
    }
}
