package org.seamless.adapters.mesh;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.seamless.adapters.failure.DeliveryFaultException;
import org.seamless.adapters.failure.TransientDeliveryException;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.PendingTransfers;
import org.seamless.adapters.spi.ReleaseKeys;
import org.seamless.adapters.spi.Sink;
import org.seamless.mappings.canonical.BrokerHeaders;

/**
 * Sends each message released to a MESH agency to its mailbox (ADR 0077), run in the shared sink route:
 * {@code POST /messageexchange/{own mailbox}/outbox} with {@code mex-to} (the agency's mailbox),
 * {@code mex-workflowid} (configured per event), {@code mex-localid} (the delivery id: source-scoped message id
 * and replay generation), {@code mex-subject} (the event code, nothing personal) and the canonical FHIR message
 * as the body, chunked above the chunk size. MESH's 202 means "in MESH", not "delivered": the hand-over is
 * kept in the {@link PendingTransfers pending transfers} and the leg's final state (delivered when the agency
 * collected it; undeliverable on a non-delivery report or expiry) is recorded by {@link MeshPoll}.
 * No answer, 429 or 5xx: {@link MeshUnavailableException}, the message waits. A MESH refusal (417: unknown
 * mailbox, workflow not registered, malformed headers) or 401/403: a set-up fault, retried then dead-lettered.
 */
public class MeshSink implements Sink {
    static final String CONTENT_TYPE = "application/fhir+json";

    private final AgencyConfig agency;
    private final MeshSettings settings;
    private final PendingTransfers transfers;
    private final Clock clock = Clock.systemUTC();
    private volatile MeshClient client;

    public MeshSink(AgencyConfig agency, MeshSettings settings, AdapterContext context) {
        if (context.transfers() == null) {
            throw new IllegalStateException("agency " + agency.id() + ": the mesh adapter needs the runtime's"
                    + " database (pending transfers)");
        }
        this.agency = agency;
        this.settings = settings;
        this.transfers = context.transfers();
    }

    @Override
    public String name() {
        return "mesh";
    }

    @Override
    public String step() {
        return "mesh-send";
    }

    @Override
    public void deliver(Exchange exchange) throws Exception {
        Message msg = exchange.getMessage();
        String body = msg.getMandatoryBody(String.class);
        String event = msg.getHeader(BrokerHeaders.EVENT, String.class);
        String messageId = msg.getHeader(BrokerHeaders.MESSAGE_ID, String.class);
        String source = msg.getHeader(BrokerHeaders.SOURCE_AGENCY, String.class);
        int generation = msg.getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class);
        String workflow = settings.workflowFor(event).orElseThrow(() -> new DeliveryFaultException(
                "agency " + agency.id() + ": no MESH workflow id configured for event " + event));
        String localId = ReleaseKeys.scopedId(msg) + ":" + generation;
        String meshId;
        try {
            meshId = client(exchange.getContext()).send(new MeshClient.Outgoing(settings.mailbox(), workflow, localId,
                    "Seamless " + (event == null ? "message" : event), CONTENT_TYPE,
                    body.getBytes(StandardCharsets.UTF_8)));
        } catch (MeshClient.Refused refused) {
            throw new DeliveryFaultException("agency " + agency.id() + ": " + refused.getMessage());
        }
        transfers.sent(new PendingTransfers.Transfer(agency.id(), meshId, source, messageId, generation,
                clock.instant()));
    }

    @Override
    public Class<? extends TransientDeliveryException> retryLater() {
        return MeshUnavailableException.class;
    }

    private MeshClient client(CamelContext camel) {
        MeshClient c = client;
        if (c == null) {
            c = new MeshClient(settings, camel::resolvePropertyPlaceholders, clock);
            client = c;
        }
        return c;
    }
}
