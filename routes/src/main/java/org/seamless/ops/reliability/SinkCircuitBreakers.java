package org.seamless.ops.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.AgencySinkRoute;
import org.seamless.hub.alerts.OperatorAlerts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A circuit breaker on every sink route (the consumer of an agency's outbound address, made by the one
 * sink template {@link AgencySinkRoute}, which marks the route with its agency), fed by the
 * shared outage policy ({@link SinkOutagePolicy}): after {@code failure-threshold} transient failures
 * in a row within {@code failure-window} (or at once when the partner sent {@code Retry-After}) the
 * circuit opens and the route stops consuming, so the agency's messages wait in its queue, untouched,
 * and other agencies' sinks are unaffected (each has its own queue and consumer). Once the circuit's
 * wait ({@code half-open-after}, or the Retry-After) is over, the partner is probed without touching a
 * message: a GET of the agency's health URL (registry {@code delivery.probe}) or a TCP connect to its
 * endpoint; when it answers the circuit closes and the messages flow. The same timer raises the
 * operator alerts: no successful delivery for {@code seamless.delivery.alert-after-ms} while messages
 * wait, and a waiting message nearing its deadline.
 */
@Component
public class SinkCircuitBreakers implements CamelContextConfiguration, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(SinkCircuitBreakers.class);
    private static final List<String> ENDPOINT_PARAMS = List.of("endpoint", "webhook-url", "sftp-url");
    private static final HttpClient PROBE_HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final AgencyRegistry registry;
    private final DeliveryFailures failures;
    private final OperatorAlerts alerts;
    private final DeliveryPolicyProperties delivery;
    private final Clock clock;
    private final int failureThreshold;
    private final long failureWindowMs;
    private final long halfOpenAfterMs;
    private final CircuitHolds holds;
    private final Map<String, SinkCircuit> byAgency = new ConcurrentHashMap<>();
    private final Map<String, String> sinkRoutes = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService timer;
    private volatile CamelContext camel;

    public SinkCircuitBreakers(AgencyRegistry registry, DeliveryFailures failures, OperatorAlerts alerts,
                               DeliveryPolicyProperties delivery, Clock clock, CircuitHolds holds,
                               @Value("${seamless.circuit.failure-threshold:3}") int failureThreshold,
                               @Value("${seamless.circuit.failure-window-ms:60000}") long failureWindowMs,
                               @Value("${seamless.circuit.half-open-after-ms:15000}") long halfOpenAfterMs) {
        this.registry = registry;
        this.holds = holds;
        this.failures = failures;
        this.alerts = alerts;
        this.delivery = delivery;
        this.clock = clock;
        this.failureThreshold = failureThreshold;
        this.failureWindowMs = failureWindowMs;
        this.halfOpenAfterMs = halfOpenAfterMs;
    }

    /**
     * One circuit's state as operators see it; {@code waiting}: messages waiting after a transient failure;
     * {@code heldOpenByHand}: a person opened it and only a person closes it.
     */
    public record State(String agency, String state, int failures, long openedAtEpochMs, int waiting,
                        boolean heldOpenByHand) {
        public State(String agency, String state, int failures, long openedAtEpochMs, int waiting) {
            this(agency, state, failures, openedAtEpochMs, waiting, false);
        }
    }

    /** Every sink's circuit, by agency id. */
    public Map<String, State> states() {
        Map<String, State> out = new TreeMap<>();
        byAgency.forEach((id, c) -> out.put(id, view(id, c)));
        return out;
    }

    /** One sink's circuit; empty when the agency has no sink route in this process. */
    public Optional<State> state(String agencyId) {
        SinkCircuit c = byAgency.get(agencyId);
        return c == null ? Optional.empty() : Optional.of(view(agencyId, c));
    }

    private static State view(String agencyId, SinkCircuit c) {
        return new State(agencyId, c.state().name(), c.recentFailures(), c.openedAt(), c.waiting().size(), c.heldOpen());
    }

    /**
     * A person opens the agency's circuit; it stays open until a person closes it, on every instance that runs
     * the agency's sink and across restarts ({@link CircuitHolds}). False: no such circuit here.
     */
    // why synchronized (with followHolds): a tick reading the holds just before this records one must not undo it
    public synchronized boolean openByHand(String agencyId) {
        SinkCircuit c = byAgency.get(agencyId);
        if (c == null) {
            return false;
        }
        holds.hold(agencyId);
        c.openByHand();
        log.info("circuit of agency {} opened by hand", agencyId);
        return true;
    }

    /** A person closes the agency's circuit; its consumer resumes now, here and on the other instances. */
    public synchronized boolean closeByHand(String agencyId) {
        SinkCircuit c = byAgency.get(agencyId);
        if (c == null) {
            return false;
        }
        holds.release(agencyId);
        c.closeByHand();
        log.info("circuit of agency {} closed by hand", agencyId);
        return true;
    }

    SinkCircuit circuit(String agencyId) {
        SinkCircuit c = byAgency.get(agencyId);
        if (c == null) {
            throw new IllegalStateException("no circuit for agency " + agencyId);
        }
        return c;
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        this.camel = camel;
        camel.addRoutePolicyFactory((context, routeId, route) -> registerSink(routeId, route).map(agency -> {
            // why: the outage policy is declared once; a sink route that does not use it would dead-letter outages
            if (route instanceof RouteDefinition rd && (rd.getRouteConfigurationId() == null
                    || !rd.getRouteConfigurationId().contains(AdapterContext.SINK_ROUTE_CONFIGURATION))) {
                throw new IllegalStateException("sink route " + routeId + " does not use the route configuration '"
                        + AdapterContext.SINK_ROUTE_CONFIGURATION + "' (the shared outage policy)");
            }
            SinkCircuit circuit = new SinkCircuit(agency.id(), failureThreshold, failureWindowMs, halfOpenAfterMs,
                    clock::millis);
            byAgency.put(agency.id(), circuit);
            return circuit;
        }).orElse(null));
        camel.addRoutePolicyFactory((context, routeId, route) ->
                AgencySinkRoute.agencyOf(route).map(agency -> failures.policyFor(agency)).orElse(null));
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        long every = Math.max(20, Math.min(halfOpenAfterMs, delivery.watchIntervalMs()) / 2);
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "seamless-sink-circuits");
            th.setDaemon(true);
            return th;
        });
        // why: a circuit held open before a restart (or on another instance) must stop its consumer at once
        followHolds();
        t.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        timer = t;
    }

    @Override
    public void destroy() {
        ScheduledExecutorService t = timer;
        if (t != null) {
            t.shutdownNow();
        }
    }

    /** Applies the holds recorded by any instance: held here when held there, released when released there. */
    private synchronized void followHolds() {
        Set<String> held;
        try {
            held = holds.held();
        } catch (RuntimeException e) {
            log.warn("circuit holds not read: {}", e.getClass().getSimpleName());
            return;
        }
        byAgency.forEach((id, c) -> {
            if (held.contains(id) && !c.heldOpen()) {
                c.openByHand();
                log.info("circuit of agency {} held open by hand (recorded by a person)", id);
            } else if (!held.contains(id) && c.heldOpen()) {
                c.closeByHand();
                log.info("circuit of agency {} released by hand (recorded by a person)", id);
            }
        });
    }

    private void tick() {
        followHolds();
        for (SinkCircuit c : byAgency.values()) {
            try {
                AgencyConfig agency = registry.get(c.agencyId());
                c.tick(() -> probe(agency));
                watch(c, agency);
            } catch (RuntimeException e) {
                log.warn("circuit of agency {}: {}", c.agencyId(), e.getClass().getSimpleName());
            }
        }
    }

    /** The operator alerts: no delivery while messages wait, and messages nearing their deadline. */
    private void watch(SinkCircuit c, AgencyConfig agency) {
        long now = clock.millis();
        long stalled = c.stalledSince();
        Map<String, Long> waiting = c.waiting();
        if (stalled > 0 && now - stalled >= delivery.alertAfterMs() && c.claimStallAlert()) {
            alerts.raise(agency.id(), "delivery-stalled", "no successful delivery to agency " + agency.id() + " for "
                    + Duration.ofMillis(now - stalled).toSeconds() + " s while " + waiting.size()
                    + " message(s) wait after transient failures (circuit " + c.state() + "); they wait until their"
                    + " delivery deadline (" + agency.delivery().deadline().orElse(delivery.deadline()) + ")");
        }
        Duration deadline = agency.delivery().deadline().orElse(delivery.deadline());
        long warnMs = delivery.warningFor(deadline).toMillis();
        waiting.forEach((key, deadlineAt) -> {
            if (deadlineAt - now <= warnMs && c.claimDeadlineWarning(key)) {
                alerts.raise(agency.id(), "delivery-deadline-near", "message " + key.substring(0, key.lastIndexOf(':'))
                        + " has waited for agency " + agency.id() + " and reaches its delivery deadline in "
                        + Duration.ofMillis(Math.max(0, deadlineAt - now)).toSeconds()
                        + " s; after that it is dead-lettered (deadline-passed)");
            }
        });
    }

    /**
     * A sink route registers here as its route is created: the sink template ({@link AgencySinkRoute})
     * marks each sink route with its agency, whatever the route is named.
     */
    private Optional<AgencyConfig> registerSink(String routeId, NamedNode route) {
        Optional<AgencyConfig> agency = AgencySinkRoute.agencyOf(route).map(registry::get);
        agency.ifPresent(a -> sinkRoutes.put(routeId, a.id()));
        return agency;
    }

    /** The agency whose sink the route is; empty when it is not a sink route made by the template. */
    Optional<AgencyConfig> agencyOfSink(String routeId) {
        String agencyId = routeId == null ? null : sinkRoutes.get(routeId);
        return agencyId == null ? Optional.empty() : Optional.of(registry.get(agencyId));
    }

    /** The half-open probe: nothing personal is sent (a GET of the health URL, or a TCP connect). */
    private boolean probe(AgencyConfig agency) {
        Optional<String> health = agency.delivery().healthUrl();
        if (health.isEmpty()) {
            return reachable(camel, agency);
        }
        try {
            String url = camel == null ? health.get() : camel.resolvePropertyPlaceholders(health.get());
            HttpResponse<Void> r = PROBE_HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() >= 200 && r.statusCode() < 300;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
