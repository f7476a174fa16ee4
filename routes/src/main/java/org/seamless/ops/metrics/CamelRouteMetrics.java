package org.seamless.ops.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.stereotype.Component;

/**
 * Camel route metrics in the application's registry: every completed exchange timed by the route it
 * started in, tagged {@code route} (route ids name agencies, never messages) and {@code outcome}
 * ({@code succeeded}, {@code failed}); and how many routes are started. Seamless's own notifier because
 * no {@code camel-micrometer} release matching the Camel in use can be resolved here (ADR 0048).
 */
@Component
public class CamelRouteMetrics implements CamelContextConfiguration {
    public static final String EXCHANGES = "seamless.camel.exchanges";
    public static final String ROUTES_STARTED = "seamless.camel.routes.started";

    private final MeterRegistry registry;

    public CamelRouteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        // why before start: Camel emits exchange events only when a notifier is there when it starts
        camel.getManagementStrategy().addEventNotifier(new Notifier());
        Gauge.builder(ROUTES_STARTED, camel, c -> c.getRoutes().stream()
                        .filter(r -> c.getRouteController().getRouteStatus(r.getRouteId()).isStarted()).count())
                .description("Camel routes started").register(registry);
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
    }

    private final class Notifier extends EventNotifierSupport {
        Notifier() {
            setIgnoreCamelContextEvents(true);
            setIgnoreRouteEvents(true);
            setIgnoreServiceEvents(true);
            setIgnoreStepEvents(true);
            setIgnoreExchangeCreatedEvent(true);
            setIgnoreExchangeSendingEvents(true);
            setIgnoreExchangeSentEvents(true);
            setIgnoreExchangeRedeliveryEvents(true);
            setIgnoreExchangeAsyncProcessingStartedEvents(true);
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
            String route = exchange.getFromRouteId();
            if (route == null) {
                return;
            }
            Timer.builder(EXCHANGES).description("Camel exchanges completed, by the route they started in")
                    .tag("route", route).tag("outcome", exchange.isFailed() ? "failed" : "succeeded")
                    .register(registry).record(Duration.ofMillis(Math.max(0, exchange.getClock().elapsed())));
        }
    }
}
