package org.seamless.ops.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.app.broker.EmbeddedBroker;
import org.seamless.mappings.validation.ProfiledMessageValidator;
import org.seamless.ops.reliability.SinkCircuitBreakers;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What is measured by reading state at scrape time, per agency in the registry: queue and dead-letter
 * depth of its broker addresses (embedded broker only: an external broker exports its own metrics,
 * ADR 0048), its sink's circuit state and waiting messages; and the FHIR edge's validation shape cache.
 */
@Component
public class StateGauges implements MeterBinder {
    public static final String QUEUE_DEPTH = "seamless.broker.queue.depth";
    public static final String DEAD_LETTERS = "seamless.broker.dead.letters";
    public static final String CIRCUIT_STATE = "seamless.circuit.state";
    public static final String CIRCUIT_WAITING = "seamless.circuit.waiting";
    public static final String VALIDATION_CACHE = "seamless.validation.shape.cache";

    /** Every meter name this class registers. */
    public static final List<String> NAMES = List.of(QUEUE_DEPTH, DEAD_LETTERS, CIRCUIT_STATE, CIRCUIT_WAITING,
            VALIDATION_CACHE);

    private final AgencyRegistry agencies;
    private final ObjectProvider<EmbeddedBroker> broker;
    private final SinkCircuitBreakers circuits;
    private final ObjectProvider<ProfiledMessageValidator> validator;

    public StateGauges(AgencyRegistry agencies, ObjectProvider<EmbeddedBroker> broker, SinkCircuitBreakers circuits,
                       ObjectProvider<ProfiledMessageValidator> validator) {
        this.agencies = agencies;
        this.broker = broker;
        this.circuits = circuits;
        this.validator = validator;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        EmbeddedBroker embedded = broker.getIfAvailable();
        if (embedded == null) {
            LoggerFactory.getLogger(StateGauges.class).info("external broker: queue depth is not exported by Seamless;"
                    + " scrape the broker's own metrics (docs/metrics.md)");
        }
        for (AgencyConfig a : agencies.all()) {
            String id = a.id();
            if (embedded != null) {
                queue(registry, embedded, id, "inbound", a.addresses().inbound());
                queue(registry, embedded, id, "outbound", a.addresses().outbound());
                Gauge.builder(DEAD_LETTERS, embedded, b -> depth(b, a.addresses().deadLetter()))
                        .description("messages parked in the agency's dead-letter address").tag("agency", id)
                        .register(registry);
            }
            Gauge.builder(CIRCUIT_STATE, circuits, c -> c.state(id).map(s -> stateValue(s.state())).orElse(0.0))
                    .description("the agency's sink circuit: 0 closed, 1 half-open, 2 open").tag("agency", id)
                    .register(registry);
            Gauge.builder(CIRCUIT_WAITING, circuits, c -> c.state(id).map(s -> (double) s.waiting()).orElse(0.0))
                    .description("messages waiting for the agency's system after a transient failure")
                    .tag("agency", id).register(registry);
        }
        ProfiledMessageValidator v = validator.getIfAvailable();
        if (v != null) {
            FunctionCounter.builder(VALIDATION_CACHE, v, ProfiledMessageValidator::fastValidations)
                    .description("inbound messages validated by a known shape (hit) or the full profile validator (miss)")
                    .tag("result", "hit").register(registry);
            FunctionCounter.builder(VALIDATION_CACHE, v, ProfiledMessageValidator::fullValidations)
                    .description("inbound messages validated by a known shape (hit) or the full profile validator (miss)")
                    .tag("result", "miss").register(registry);
        }
    }

    private static void queue(MeterRegistry registry, EmbeddedBroker broker, String agency, String queue, String address) {
        Gauge.builder(QUEUE_DEPTH, broker, b -> depth(b, address))
                .description("messages in the agency's broker queue (inbound: to the hub; outbound: to the agency)")
                .tag("agency", agency).tag("queue", queue).register(registry);
    }

    private static double depth(EmbeddedBroker broker, String address) {
        long n = broker.messageCount(address);
        return n < 0 ? Double.NaN : n;
    }

    static double stateValue(String state) {
        return switch (state) {
            case "OPEN" -> 2;
            case "HALF_OPEN" -> 1;
            default -> 0;
        };
    }
}
