package org.seamless.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.model.DynamicRouterDefinition;
import org.apache.camel.model.EnrichDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.PollEnrichDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RecipientListDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RoutingSlipDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.app.broker.BrokerConfiguration;
import org.springframework.stereotype.Component;

/**
 * Walks every route definition and refuses to let the application run if any route other than
 * the privacy chain can send to an outbound address or through the chain's broker connection, or
 * if the chain releases before its chain step. Dynamic sends outside the chain (toD, recipient
 * list, routing slip, dynamic router, enrich) count as able to reach anywhere unless their URI
 * starts with a fixed component other than the chain's. The one exception is the sinks' shared
 * outage policy putting a message back on its own agency's address ({@link #isSinkPutBack}).
 */
@Component
public class ChainGuard implements CamelContextConfiguration {
    private final Set<String> outboundAddresses;

    public ChainGuard(AgencyRegistry registry) {
        this.outboundAddresses = registry.all().stream().map(AgencyConfig::addresses)
                .map(a -> a.outbound()).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        if (!violations(camel).isEmpty()) {
            camel.stop(); // why: stop every route at once; the start itself is failed below
        }
    }

    /**
     * Fails the application start (Spring closes the context) when any route bypasses the chain.
     * Camel ignores exceptions from {@link #afterApplicationStart}, so the refusal is raised here.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationStartedEvent.class)
    public void refuseToRunWithBypasses(org.springframework.boot.context.event.ApplicationStartedEvent event) {
        CamelContext camel = event.getApplicationContext().getBean(CamelContext.class);
        List<String> violations = violations(camel);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("routes bypass the privacy chain: " + String.join("; ", violations));
        }
    }

    /** Every way a route can reach an outbound address without the chain; empty when none. */
    public List<String> violations(CamelContext camel) {
        List<String> found = new ArrayList<>();
        for (RouteDefinition route : ((ModelCamelContext) camel).getRouteDefinitions()) {
            List<ProcessorDefinition<?>> steps = new ArrayList<>();
            flatten(route.getOutputs(), steps);
            if (PrivacyChainRoute.ROUTE_ID.equals(route.getRouteId())) {
                checkChainOrder(steps, found);
                continue;
            }
            for (ProcessorDefinition<?> step : steps) {
                if (isSinkPutBack(route, step)) {
                    continue;
                }
                sendTarget(step).filter(this::canReachOutbound).ifPresent(uri ->
                        found.add("route '" + route.getRouteId() + "' sends to " + uri));
            }
        }
        return found;
    }

    /**
     * The shared outage policy's one send on a sink route: it puts a message that failed transiently
     * back on the sink agency's own outbound address (or, past its deadline, its dead-letter address),
     * computed from that agency's registry entry, on the agency's own broker connection, which the
     * broker lets reach no other agency's addresses (ADR 0042). Allowed only as that exact step.
     */
    private static boolean isSinkPutBack(RouteDefinition route, ProcessorDefinition<?> step) {
        return org.seamless.adapters.spi.AgencySinkRoute.agencyOf(route).isPresent()
                && org.seamless.ops.reliability.SinkOutagePolicy.PUT_BACK_STEP.equals(step.getId())
                && step instanceof ToDynamicDefinition dyn
                && org.seamless.ops.reliability.SinkOutagePolicy.PUT_BACK_URI.equals(dyn.getUri());
    }

    private static void checkChainOrder(List<ProcessorDefinition<?>> steps, List<String> found) {
        int chainStep = indexOf(steps, "privacy-chain-step");
        int release = indexOf(steps, "privacy-chain-release");
        if (chainStep < 0 || release < 0 || release < chainStep) {
            found.add("route '" + PrivacyChainRoute.ROUTE_ID + "' must run its chain step before its release");
        }
    }

    private static int indexOf(List<ProcessorDefinition<?>> steps, String id) {
        for (int i = 0; i < steps.size(); i++) {
            if (id.equals(steps.get(i).getId())) {
                return i;
            }
        }
        return -1;
    }

    private static void flatten(List<ProcessorDefinition<?>> outputs, List<ProcessorDefinition<?>> into) {
        for (ProcessorDefinition<?> p : outputs) {
            into.add(p);
            flatten(p.getOutputs(), into);
        }
    }

    /** The endpoint URI or expression a step sends to, if it sends at all. */
    private static java.util.Optional<String> sendTarget(ProcessorDefinition<?> step) {
        if (step instanceof SendDefinition<?> send) {
            return java.util.Optional.ofNullable(send.getEndpointUri());
        }
        if (step instanceof ToDynamicDefinition dyn) {
            return java.util.Optional.of("dynamic:" + dyn.getUri());
        }
        if (step instanceof RecipientListDefinition<?> r) {
            return java.util.Optional.of("dynamic:" + r.getExpression());
        }
        if (step instanceof RoutingSlipDefinition<?> r) {
            return java.util.Optional.of("dynamic:" + r.getExpression());
        }
        if (step instanceof DynamicRouterDefinition<?> r) {
            return java.util.Optional.of("dynamic:" + r.getExpression());
        }
        if (step instanceof EnrichDefinition e) {
            return java.util.Optional.of("dynamic:" + e.getExpression());
        }
        if (step instanceof PollEnrichDefinition e) {
            return java.util.Optional.of("dynamic:" + e.getExpression());
        }
        return java.util.Optional.empty();
    }

    private boolean canReachOutbound(String target) {
        String uri = target.startsWith("dynamic:") ? target.substring("dynamic:".length()).strip() : target;
        boolean dynamic = target.startsWith("dynamic:");
        String chainPrefix = BrokerConfiguration.HUB_COMPONENT + ":";
        if (uri.startsWith(chainPrefix) || uri.contains(".outbound")
                || outboundAddresses.stream().anyMatch(uri::contains)) {
            return true;
        }
        // a dynamic target with no fixed component in front could resolve to anything
        return dynamic && !uri.matches("^[a-z][a-z0-9+.-]*:.*");
    }
}
