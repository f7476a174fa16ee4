package org.seamless.app.demo.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.MessageIssue;
import org.seamless.mappings.message.OperationOutcomes;
import org.seamless.mappings.message.ResponseMessages;

/**
 * The demo trust's {@code $process-message}: checks the bearer token (if configured), acts once
 * per {@code MessageHeader.id} and acknowledges a repeat with the same {@code ok}; answers 503 or
 * 422 with an OperationOutcome when switched to.
 */
public class DemoTrustProcessMessage {
    private static final int MAX_BYTES = 4 * 1024 * 1024;
    private final DemoTrustFhirSystem system;
    private final Optional<byte[]> expectedAuth;

    DemoTrustProcessMessage(DemoTrustFhirSystem system, Optional<String> bearerToken) {
        this.system = system;
        this.expectedAuth = bearerToken.map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
    }

    @Operation(name = "$process-message", manualRequest = true, manualResponse = true, idempotent = false)
    public void processMessage(ServletRequestDetails details) throws IOException {
        var req = details.getServletRequest();
        HttpServletResponse resp = details.getServletResponse();
        if (expectedAuth.isPresent() && !MessageDigest.isEqual(expectedAuth.get(),
                String.valueOf(req.getHeader("Authorization")).getBytes(StandardCharsets.UTF_8))) {
            write(resp, 401, outcome(IssueType.LOGIN, "Bearer token missing or wrong"));
            return;
        }
        byte[] body = req.getInputStream().readNBytes(MAX_BYTES);
        Bundle message;
        try {
            message = MessageBundles.parse(new String(body, StandardCharsets.UTF_8));
        } catch (DataFormatException e) {
            write(resp, 400, outcome(IssueType.STRUCTURE, "Body is not a FHIR R4 Bundle in JSON"));
            return;
        }
        Optional<String> id = MessageBundles.messageId(message);
        if (id.isEmpty()) {
            write(resp, 400, outcome(IssueType.REQUIRED, "MessageHeader.id is missing"));
            return;
        }
        switch (system.receive(id.get(), message)) {
            case UNAVAILABLE -> write(resp, 503, outcome(IssueType.TRANSIENT, "Demo trust system unavailable (switched)"));
            case REFUSED -> write(resp, 422, outcome(IssueType.BUSINESSRULE, "Demo trust refuses this message (switched)"));
            case ACCEPTED, DUPLICATE -> write(resp, 200, ResponseMessages.ok(message,
                    new ResponseMessages.Responder(UUID.randomUUID().toString(), "urn:seamless:demo-trust", Instant.now())));
        }
    }

    private static IBaseResource outcome(IssueType code, String diagnostics) {
        return OperationOutcomes.from(List.of(MessageIssue.error(code, null, diagnostics)));
    }

    private static void write(HttpServletResponse resp, int status, IBaseResource resource) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/fhir+json;charset=UTF-8");
        resp.getOutputStream().write(FhirContexts.r4().newJsonParser().encodeResourceToString(resource)
                .getBytes(StandardCharsets.UTF_8));
    }
}
