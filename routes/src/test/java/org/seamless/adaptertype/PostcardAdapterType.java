package org.seamless.adaptertype;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.AdapterType;
import org.seamless.adapters.spi.EdgeContext;
import org.seamless.adapters.spi.Edges;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.adapters.spi.ParameterSpec;
import org.seamless.adapters.spi.Sink;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.mappings.message.MessageBundles;

/**
 * A throwaway adapter type, written in test code from only the adapter contract ({@link AdapterType},
 * {@link Sink}, {@link Edges}): its edge is a servlet at {@value #PATH} that takes a FHIR message from an
 * authenticated agency, its sink keeps what it is given in memory. Named to Seamless in configuration
 * ({@code seamless.adapter-types}); nothing in {@code routes} knows it.
 */
public class PostcardAdapterType implements AdapterType {
    public static final String NAME = "test-postcard";
    public static final String PATH = "/postcard/*";
    /** What each agency's sink was given: agency id to message id to body. */
    static final Map<String, Map<String, String>> DELIVERED = new ConcurrentHashMap<>();
    /** How many requests reached the edge's own code (the runtime's security answers the rest). */
    static final java.util.concurrent.atomic.AtomicInteger REACHED = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test only: messages by postcard";
    }

    @Override
    public Set<Direction> directions() {
        return Set.of(Direction.SOURCE, Direction.SINK);
    }

    @Override
    public Set<AgencyKind> agencyKinds() {
        return Set.of(AgencyKind.NHS_TRUST, AgencyKind.LOCAL_AUTHORITY);
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.optional("greeting", "what the postman says", "hello"));
    }

    @Override
    public Optional<Sink> sink(AgencyConfig agency, AdapterContext context, CamelContext camel) {
        return Optional.of(new Sink() {
            @Override
            public String name() {
                return "postcard";
            }

            @Override
            public void deliver(Exchange exchange) {
                String id = exchange.getMessage().getHeader(BrokerHeaders.MESSAGE_ID, String.class);
                DELIVERED.computeIfAbsent(agency.id(), a -> new ConcurrentHashMap<>())
                        .put(id, exchange.getMessage().getBody(String.class));
                context.deliveries().delivered(agency.id(),
                        exchange.getMessage().getHeader(BrokerHeaders.SOURCE_AGENCY, String.class), id,
                        exchange.getMessage().getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class), "posted");
            }
        });
    }

    @Override
    public void edges(EdgeContext context, Edges edges) {
        edges.servlet("test-postcard", PATH, new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                REACHED.incrementAndGet();
                Optional<AgencyConfig> source = context.authenticator().authenticate(req);
                if (source.isEmpty() || !NAME.equals(source.get().adapter().type())) {
                    resp.sendError(401);
                    return;
                }
                byte[] raw = req.getInputStream().readNBytes(1 << 20);
                Bundle message = MessageBundles.parse(new String(raw, StandardCharsets.UTF_8));
                InboundGate.Admission admission = context.gate().admit(new InboundGate.Submission(source.get(), NAME,
                        message, raw, "application/fhir+json"));
                resp.setStatus(admission instanceof InboundGate.Accepted ? 202 : 422);
            }
        });
    }
}
