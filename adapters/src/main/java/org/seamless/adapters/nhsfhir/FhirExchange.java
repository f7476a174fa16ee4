package org.seamless.adapters.nhsfhir;

import ca.uhn.fhir.parser.IParser;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.message.InboundMessageCheck;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.MessageIssue;
import org.seamless.mappings.message.OperationOutcomes;
import org.seamless.mappings.message.ResponseMessages;
import org.seamless.mappings.validation.ProfiledMessageValidator;

/** FHIR wire handling for the $process-message edge: format negotiation, parsing, responses. */
final class FhirExchange {
    private final String sourceEndpoint;
    private final ProfiledMessageValidator validator;

    FhirExchange(String sourceEndpoint, ProfiledMessageValidator validator) {
        this.sourceEndpoint = sourceEndpoint;
        this.validator = validator;
    }

    /** JSON or XML, from the request's Content-Type (and Accept for the reply). */
    enum Format {
        JSON("application/fhir+json"), XML("application/fhir+xml");

        final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }

        static Format of(String contentType, String accept) {
            String ct = contentType == null ? "" : contentType.toLowerCase();
            return ct.contains("xml") ? XML : JSON;
        }

        /**
         * The FHIR media types this edge reads: {@code application/fhir+json} and {@code application/fhir+xml}
         * (FHIR R4 http.html), their DSTU2-era spellings, and plain {@code application/json} /
         * {@code application/xml}, which R4 servers are asked to accept too. Parameters (charset,
         * fhirVersion) are allowed. Anything else, or no Content-Type, is refused with 415.
         */
        static boolean accepts(String contentType) {
            if (contentType == null) {
                return false;
            }
            String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
            return ACCEPTED.contains(type);
        }

        private static final java.util.Set<String> ACCEPTED = java.util.Set.of("application/fhir+json",
                "application/fhir+xml", "application/json+fhir", "application/xml+fhir", "application/json",
                "application/xml");

        IParser parser() {
            return this == XML ? FhirContexts.r4().newXmlParser() : FhirContexts.r4().newJsonParser();
        }
    }

    /** The parsed bundle (null when unreadable or not a Bundle), its message id if any, and the issues. */
    record Parsed(Bundle bundle, String messageId, List<MessageIssue> issues) {
    }

    /**
     * Parses once (unknown elements are errors), checks the message's structure, then validates it
     * against base R4 and UK Core when it is structurally sound.
     */
    Parsed parse(byte[] body, Format format) {
        String text;
        try {
            // why: strict, so a body in another encoding is refused rather than delivered with names turned into U+FFFD
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new Parsed(null, null, List.of(MessageIssue.fatal(IssueType.STRUCTURE, null,
                    "Request body is not valid UTF-8 (FHIR requires UTF-8); send it in UTF-8")));
        }
        if (text.isBlank()) {
            return new Parsed(null, null, List.of(MessageIssue.fatal(IssueType.REQUIRED, null, "Request body is empty")));
        }
        if (format == Format.XML
                && text.toUpperCase(java.util.Locale.ROOT).contains("<!DOCTYPE")) {
            // why: FHIR XML never needs a DTD; refusing it names the problem (XXE, entity expansion) instead of a parse error
            return new Parsed(null, null, List.of(MessageIssue.fatal(IssueType.SECURITY, null,
                    "XML with a DOCTYPE declaration is refused: FHIR XML uses no DTDs or entities")));
        }
        InboundMessageCheck.Parsed parsed = InboundMessageCheck.parse(text, format == Format.XML);
        List<MessageIssue> issues = new java.util.ArrayList<>(parsed.issues());
        Bundle bundle = parsed.resource() instanceof Bundle b ? b : null;
        if (bundle != null && issues.stream().noneMatch(MessageIssue::isError)) {
            issues.addAll(validator.validate(bundle));
        }
        String messageId = bundle == null ? null : MessageBundles.messageId(bundle).orElse(null);
        return new Parsed(bundle, messageId, issues);
    }

    void writeAccepted(HttpServletResponse resp, Format format, Bundle original) throws IOException {
        write(resp, 200, format, ResponseMessages.ok(original, responder()));
    }

    /** A fatal-error response message when the original can be answered, a bare OperationOutcome otherwise. */
    void writeRejection(HttpServletResponse resp, Format format, Bundle original, List<MessageIssue> issues,
                        String reference) throws IOException {
        List<MessageIssue> all = new java.util.ArrayList<>(issues);
        all.add(new MessageIssue(org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity.INFORMATION,
                IssueType.INFORMATIONAL, null, "Message kept for inspection as " + reference));
        if (original != null && MessageBundles.messageId(original).isPresent()) {
            write(resp, 400, format, ResponseMessages.fatalError(original, responder(), all));
        } else {
            writeOutcome(resp, 400, format, all);
        }
    }

    void writeOutcome(HttpServletResponse resp, int status, Format format, List<MessageIssue> issues) throws IOException {
        write(resp, status, format, OperationOutcomes.from(issues));
    }

    private void write(HttpServletResponse resp, int status, Format format, IBaseResource resource) throws IOException {
        resp.setStatus(status);
        resp.setContentType(format.mediaType + ";charset=UTF-8");
        resp.getOutputStream().write(format.parser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8));
    }

    private ResponseMessages.Responder responder() {
        return new ResponseMessages.Responder(UUID.randomUUID().toString(), sourceEndpoint, Instant.now());
    }

    /** Issue codes and locations only: safe to store as the rejection reason. */
    static String summary(List<MessageIssue> issues) {
        return issues.stream().map(i -> i.code().toCode() + "@" + (i.location() == null ? "-" : i.location()) + ": "
                + i.diagnostics()).collect(Collectors.joining("; "));
    }
}
