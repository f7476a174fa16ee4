package org.seamless.adapters.mesh;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.failure.TransientDeliveryException;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.adapters.spi.PendingTransfers;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.mappings.message.MessageBundles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of Seamless's MESH inbox for one agency, then of the tracking of what was sent to it (ADR 0077).
 * <ul>
 *   <li>A DATA message from the agency's mailbox is downloaded whole (chunks reassembled), handed to the
 *       inbound gate, and acknowledged only once the gate has it durably (accepted) or has kept it
 *       (rejected); content that is not a FHIR message is kept in the rejected-input store, then
 *       acknowledged. When the broker cannot take it now, nothing is acknowledged: the next poll retries.</li>
 *   <li>A REPORT about a message sent to the agency (a non-delivery report; code 14: not collected within
 *       5 days) makes that leg {@code undeliverable} in the delivery journal, then is acknowledged.</li>
 *   <li>Each pending transfer is tracked: {@code acknowledged} (the agency collected it) makes the leg
 *       delivered, {@code undeliverable} undeliverable.</li>
 * </ul>
 * Messages from other mailboxes are left for the agency whose mailbox it is. Nothing personal is logged.
 */
public final class MeshPoll {
    static final String EDGE = "mesh";
    private static final Logger log = LoggerFactory.getLogger(MeshPoll.class);
    private static final int TRACK_PER_POLL = 200;
    static final String EXPIRED_CODE = "14";
    /** The reason's words for a message the agency did not collect within MESH's 5 days. */
    public static final String EXPIRED = "expired: not collected by the recipient within 5 days";
    /** The reason's words for any other MESH non-delivery report. */
    public static final String NOT_DELIVERED = "non-delivery report";

    private final AgencyConfig agency;
    private final MeshSettings settings;
    private final AdapterContext context;
    private final PendingTransfers transfers;
    private final Clock clock = Clock.systemUTC();
    private volatile MeshClient client;

    MeshPoll(AgencyConfig agency, MeshSettings settings, AdapterContext context) {
        this.agency = agency;
        this.settings = settings;
        this.context = context;
        this.transfers = context.transfers();
    }

    void run(CamelContext camel) {
        try {
            MeshClient c = client(camel);
            for (String id : c.inbox()) {
                if (!collect(c, id)) {
                    break;
                }
            }
            if (transfers != null) {
                for (PendingTransfers.Transfer t : transfers.pending(agency.id(), TRACK_PER_POLL)) {
                    c.track(t.transferId()).ifPresent(tracking -> settle(t, tracking));
                }
            }
        } catch (TransientDeliveryException e) {
            log.warn("MESH poll for agency {} stopped: {}; the next poll retries", agency.id(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("MESH poll for agency {} failed ({}); the next poll retries", agency.id(),
                    e.getClass().getSimpleName());
        }
    }

    /** Handles one inbox message; false when the poll should stop (the broker cannot take messages now). */
    private boolean collect(MeshClient c, String id) {
        Optional<MeshClient.Download> found = c.download(id);
        if (found.isEmpty()) {
            return true;
        }
        MeshClient.Download d = found.get();
        if (d.report()) {
            if (settings.mailbox().equals(d.header("mex-to"))) {
                report(d);
                c.acknowledge(id);
            }
            return true;
        }
        if (!settings.mailbox().equals(d.header("mex-from"))) {
            return true; // why: another agency's message; its own poll collects it
        }
        try {
            admit(d);
        } catch (InboundGate.Unavailable e) {
            return false; // why: not acknowledged, so MESH keeps it for the next poll
        }
        c.acknowledge(id);
        return true;
    }

    private void admit(MeshClient.Download d) {
        String contentType = Optional.ofNullable(d.header("content-type")).orElse("application/octet-stream");
        Bundle message;
        try {
            message = MessageBundles.parse(new String(d.content(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // why: kept for the operator before the acknowledgement, so nothing MESH gave us is lost
            context.rejected().keep(new RejectedInputStore.Rejection(agency.id(), EDGE, "unreadable",
                    "the MESH message is not a FHIR message bundle", null, contentType, d.content()));
            return;
        }
        context.gate().admit(new InboundGate.Submission(agency, EDGE, message, d.content(), contentType));
    }

    private void report(MeshClient.Download d) {
        String linked = d.header("mex-linkedmsgid");
        if (linked == null || transfers == null) {
            return;
        }
        transfers.find(agency.id(), linked).ifPresent(t -> undeliverable(t, d.header("mex-statusevent"),
                d.header("mex-statuscode")));
    }

    private void settle(PendingTransfers.Transfer t, MeshClient.Tracking tracking) {
        switch (tracking.status().toLowerCase(java.util.Locale.ROOT)) {
            case "acknowledged" -> {
                context.deliveries().delivered(agency.id(), t.sourceAgency(), t.messageId(), t.replayGeneration(),
                        "collected from the agency's MESH mailbox (MESH message " + t.transferId() + ")");
                transfers.settled(agency.id(), t.transferId());
            }
            case "undeliverable", "rejected", "error" -> undeliverable(t, tracking.statusEvent(), tracking.statusCode());
            default -> {
                // why: accepted (waiting in the agency's inbox) or still uploading: ask again at the next poll
            }
        }
    }

    private void undeliverable(PendingTransfers.Transfer t, String statusEvent, String statusCode) {
        context.deliveries().undeliverable(agency.id(), t.sourceAgency(), t.messageId(), t.replayGeneration(),
                reason(statusEvent, statusCode, t.transferId()));
        transfers.settled(agency.id(), t.transferId());
        // why: INFO, the hub raises the operator alert (delivery-undeliverable) from the acknowledgement
        log.info("MESH could not deliver a message to agency {} (MESH status {})", agency.id(), code(statusCode));
    }

    /**
     * The journal's reason: what MESH said, by its status event and code, never MESH's free text. Code 14
     * ("undelivered message") outside a transfer is the 5-day expiry; anything else a non-delivery report.
     */
    static String reason(String statusEvent, String statusCode, String meshId) {
        String code = code(statusCode);
        String what = EXPIRED_CODE.equals(code) && !"TRANSFER".equalsIgnoreCase(statusEvent)
                ? EXPIRED : NOT_DELIVERED;
        return "MESH " + what + ", status " + code + ", MESH message " + meshId;
    }

    private static String code(String statusCode) {
        return statusCode == null || !statusCode.matches("[0-9A-Za-z]{1,4}") ? "?" : statusCode;
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
