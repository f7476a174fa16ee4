package org.seamless.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.throttling.ThrottlingExceptionRoutePolicy;
import org.seamless.adapters.lasoap.ItkTransportException;
import org.seamless.adapters.push.HttpPush;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A circuit breaker on every sink route (the consumer of an agency's outbound address). After
 * {@code failure-threshold} transport failures in a row within {@code failure-window} (see
 * {@link SinkCircuit}) the circuit opens and
 * the route stops consuming: the agency's messages wait in its queue, untouched, so a long outage
 * does not spend their retry budget and send them to the dead-letter address, and other agencies'
 * sinks are unaffected (each has its own queue and consumer). Every {@code half-open-after} the
 * agency's endpoint is probed with a TCP connect, without touching a message; when it answers the
 * circuit closes and the messages flow. Only transport failures count: business refusals are
 * recorded and consumed, never retried.
 */
@Component
public class SinkCircuitBreakers implements CamelContextConfiguration {
    private static final List<Class<?>> TRANSPORT_FAILURES = List.of(ItkTransportException.class,
            HttpPush.RetryLaterException.class, GenericFileOperationFailedException.class);
    private static final List<String> ENDPOINT_PARAMS = List.of("endpoint", "webhook-url", "sftp-url");

    private final AgencyRegistry registry;
    private final DeliveryFailures failures;
    private final int failureThreshold;
    private final long failureWindowMs;
    private final long halfOpenAfterMs;
    private final Map<String, SinkCircuit> byAgency = new ConcurrentHashMap<>();

    public SinkCircuitBreakers(AgencyRegistry registry, DeliveryFailures failures,
                               @Value("${seamless.circuit.failure-threshold:3}") int failureThreshold,
                               @Value("${seamless.circuit.failure-window-ms:60000}") long failureWindowMs,
                               @Value("${seamless.circuit.half-open-after-ms:15000}") long halfOpenAfterMs) {
        this.registry = registry;
        this.failures = failures;
        this.failureThreshold = failureThreshold;
        this.failureWindowMs = failureWindowMs;
        this.halfOpenAfterMs = halfOpenAfterMs;
    }

    /** One circuit's state as operators see it. */
    public record State(String agency, String state, int failures, long openedAtEpochMs) {
    }

    /** Every sink's circuit, by agency id. */
    public Map<String, State> states() {
        Map<String, State> out = new TreeMap<>();
        byAgency.forEach((id, p) -> out.put(id, new State(id, stateOf(p), p.recentFailures(), p.getOpenedAt())));
        return out;
    }

    /** CLOSED, HALF_OPEN or OPEN (Camel's own words are lower-case prose). */
    private static String stateOf(ThrottlingExceptionRoutePolicy p) {
        String s = p.getStateAsString();
        return s.startsWith("half") ? "HALF_OPEN" : s.startsWith("open") ? "OPEN" : "CLOSED";
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        camel.addRoutePolicyFactory((context, routeId, route) -> agencyOfSink(routeId).map(agency -> {
            SinkCircuit policy = new SinkCircuit(failureThreshold, failureWindowMs, halfOpenAfterMs,
                    TRANSPORT_FAILURES);
            policy.setHalfOpenHandler(() -> reachable(context, agency));
            byAgency.put(agency.id(), policy);
            return policy;
        }).orElse(null));
        camel.addRoutePolicyFactory((context, routeId, route) ->
                agencyOfSink(routeId).map(agency -> failures.policyFor(agency.id())).orElse(null));
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
    }

    /** Sink routes are named {@code adapter-<agency>-...-sink}. */
    private Optional<AgencyConfig> agencyOfSink(String routeId) {
        if (routeId == null || !routeId.startsWith("adapter-") || !routeId.endsWith("-sink")) {
            return Optional.empty();
        }
        return registry.all().stream().filter(a -> routeId.startsWith("adapter-" + a.id() + "-"))
                .max((a, b) -> Integer.compare(a.id().length(), b.id().length()));
    }

    /** Whether the agency's system accepts a TCP connection (true when it has no network endpoint). */
    static boolean reachable(CamelContext context, AgencyConfig agency) {
        for (String param : ENDPOINT_PARAMS) {
            Optional<String> raw = agency.adapter().param(param);
            if (raw.isEmpty() || raw.get().isBlank()) {
                continue;
            }
            try {
                URI uri = URI.create(context.resolvePropertyPlaceholders(raw.get()));
                int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443
                        : "sftp".equals(uri.getScheme()) ? 22 : 80;
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(uri.getHost(), port), 2000);
                    return true;
                }
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        }
        return true;
    }
}
