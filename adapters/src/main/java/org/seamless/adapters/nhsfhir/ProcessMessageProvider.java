package org.seamless.adapters.nhsfhir;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.mappings.message.MessageIssue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NHS trust's inbound edge: FHIR {@code [base]/$process-message} (synchronous). Authenticates
 * the agency by API key, bounds the body size, parses and checks the message, and answers with a
 * FHIR response message: {@code ok} once the broker holds it, or {@code fatal-error} with an
 * OperationOutcome listing every problem. Rejected input is kept, never dropped.
 */
public class ProcessMessageProvider {
    static final String EDGE = "nhs-fhir";
    private static final Logger log = LoggerFactory.getLogger(ProcessMessageProvider.class);

    private final AgencyAuthenticator authenticator;
    private final InboundGate gate;
    private final RejectedInputStore rejected;
    private final FhirExchange fhir;

    public ProcessMessageProvider(AgencyAuthenticator authenticator, InboundGate gate, RejectedInputStore rejected,
                                  String sourceEndpoint, org.seamless.mappings.validation.ProfiledMessageValidator validator) {
        this.authenticator = authenticator;
        this.gate = gate;
        this.rejected = rejected;
        this.fhir = new FhirExchange(sourceEndpoint, validator);
    }

    @Operation(name = "$process-message", manualRequest = true, manualResponse = true, idempotent = false)
    public void processMessage(ServletRequestDetails details) throws IOException {
        HttpServletRequest req = details.getServletRequest();
        HttpServletResponse resp = details.getServletResponse();
        FhirExchange.Format format = FhirExchange.Format.of(req.getContentType(), req.getHeader("Accept"));

        Optional<AgencyConfig> agency = authenticator.authenticate(req)
                .filter(a -> NhsFhirAdapterType.NAME.equals(a.adapter().type()));
        if (agency.isEmpty()) {
            fhir.writeOutcome(resp, 401, format, List.of(MessageIssue.error(IssueType.LOGIN, null,
                    "Authentication required")));
            return;
        }
        AgencyConfig source = agency.get();
        long max = Long.parseLong(source.adapter().requiredParam(NhsFhirAdapterType.MAX_MESSAGE_BYTES));
        BoundedBody body = BoundedBody.read(req.getInputStream(), max);
        if (body.oversize()) {
            String ref = rejected.keep(new RejectedInputStore.Rejection(source.id(), EDGE, "too-large",
                    "message larger than " + max + " bytes (first bytes kept)", null, req.getContentType(), body.bytes()));
            fhir.writeOutcome(resp, 413, format, List.of(MessageIssue.fatal(IssueType.TOOCOSTLY, null,
                    "Message exceeds the limit of " + max + " bytes; kept as " + ref)));
            return;
        }
        if (!FhirExchange.Format.accepts(req.getContentType())) {
            String ref = rejected.keep(new RejectedInputStore.Rejection(source.id(), EDGE, "unsupported-media-type",
                    "Content-Type is not a FHIR media type", null, req.getContentType(), body.bytes()));
            fhir.writeOutcome(resp, 415, format, List.of(MessageIssue.fatal(IssueType.NOTSUPPORTED, null,
                    "Content-Type must be application/fhir+json or application/fhir+xml; kept as " + ref)));
            return;
        }
        FhirExchange.Parsed parsed = fhir.parse(body.bytes(), format);
        if (parsed.issues().stream().anyMatch(MessageIssue::isError) || parsed.bundle() == null) {
            String ref = rejected.keep(new RejectedInputStore.Rejection(source.id(), EDGE, "invalid-message",
                    FhirExchange.summary(parsed.issues()), parsed.messageId(), req.getContentType(), body.bytes()));
            fhir.writeRejection(resp, format, parsed.bundle(), parsed.issues(), ref);
            return;
        }
        Optional<String> claimed = SenderCheck.mismatch(parsed.bundle(), source);
        if (claimed.isPresent()) {
            log.warn("$process-message refused: the message names another sender than the authenticated agency");
            String ref = rejected.keep(new RejectedInputStore.Rejection(source.id(), EDGE, "sender-mismatch",
                    claimed.get(), parsed.messageId(), req.getContentType(), body.bytes()));
            fhir.writeOutcome(resp, 403, format, List.of(MessageIssue.fatal(IssueType.FORBIDDEN, null,
                    claimed.get() + "; kept as " + ref)));
            return;
        }
        InboundGate.Admission admission;
        try {
            admission = gate.admit(new InboundGate.Submission(source, EDGE, parsed.bundle(), body.bytes(),
                    req.getContentType()));
        } catch (InboundGate.Unavailable e) {
            // why: nothing was accepted; the sender's retry with the same message id is safe (duplicate id)
            log.warn("$process-message not accepted: {}", e.getMessage());
            resp.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            fhir.writeOutcome(resp, 503, format, List.of(MessageIssue.fatal(IssueType.TRANSIENT, null,
                    "Seamless could not store the message just now; nothing was accepted. Send the same message "
                            + "again after " + e.retryAfterSeconds() + " seconds")));
            return;
        }
        if (admission instanceof InboundGate.Rejected no) {
            fhir.writeRejection(resp, format, parsed.bundle(), no.issues(), no.reference());
        } else {
            fhir.writeAccepted(resp, format, parsed.bundle());
        }
    }
}
