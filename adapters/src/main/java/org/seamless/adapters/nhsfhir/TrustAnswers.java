package org.seamless.adapters.nhsfhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.ErrorHandlerAdapter;
import ca.uhn.fhir.parser.IParser;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.MessageHeader.ResponseType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.seamless.adapters.push.HttpPush;
import org.seamless.adapters.push.SinkOutcome;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.message.MessageBundles;

/**
 * Reads a trust FHIR server's answer to {@code $process-message}: a 2xx is delivered (unless it
 * carries a {@code fatal-error} response message); a 4xx carrying an OperationOutcome with an error
 * is a business refusal; anything else is retried. Reasons hold issue codes only, never diagnostics.
 */
final class TrustAnswers {
    private TrustAnswers() {
    }

    static SinkOutcome classify(HttpPush.Answer answer) {
        Optional<IBaseResource> resource = parse(answer);
        if (answer.success()) {
            Optional<MessageHeader.MessageHeaderResponseComponent> response = resource
                    .filter(Bundle.class::isInstance).map(Bundle.class::cast)
                    .flatMap(MessageBundles::header).filter(MessageHeader::hasResponse).map(MessageHeader::getResponse);
            if (response.map(r -> r.getCode() == ResponseType.TRANSIENTERROR).orElse(false)) {
                throw new HttpPush.RetryLaterException("trust FHIR server answered with a transient-error response");
            }
            if (response.map(r -> r.getCode() == ResponseType.FATALERROR).orElse(false)) {
                return SinkOutcome.refused("fatal-error response; issues: " + codes(resource.flatMap(TrustAnswers::outcome)));
            }
            return SinkOutcome.delivered("accepted by the trust FHIR server (HTTP " + answer.status() + ")");
        }
        Optional<OperationOutcome> outcome = resource.flatMap(TrustAnswers::outcome);
        if (answer.mayBeRefusal() && outcome.map(TrustAnswers::hasError).orElse(false)) {
            return SinkOutcome.refused("HTTP " + answer.status() + "; issues: " + codes(outcome));
        }
        throw answer.failure("trust FHIR server" + (outcome.isPresent() ? " (with an OperationOutcome)" : ""));
    }

    /** The OperationOutcome itself, or the one a response message carries. */
    private static Optional<OperationOutcome> outcome(IBaseResource resource) {
        if (resource instanceof OperationOutcome oo) {
            return Optional.of(oo);
        }
        return resource instanceof Bundle b ? MessageBundles.first(b, OperationOutcome.class) : Optional.empty();
    }

    private static boolean hasError(OperationOutcome oo) {
        return oo.getIssue().stream().anyMatch(i -> i.getSeverity() == IssueSeverity.ERROR
                || i.getSeverity() == IssueSeverity.FATAL);
    }

    private static String codes(Optional<OperationOutcome> outcome) {
        String codes = outcome.map(oo -> oo.getIssue().stream().map(i -> i.getCode() == null ? null : i.getCode().toCode())
                .filter(Objects::nonNull).distinct().limit(10).collect(Collectors.joining(","))).orElse("");
        return codes.isEmpty() ? "none given" : codes;
    }

    private static Optional<IBaseResource> parse(HttpPush.Answer answer) {
        if (answer.body().length == 0) {
            return Optional.empty();
        }
        String ct = answer.contentType().toLowerCase();
        // why: a silent error handler; HAPI's default logs offending values, which may be personal data
        IParser parser = (ct.contains("xml") ? FhirContexts.r4().newXmlParser() : FhirContexts.r4().newJsonParser())
                .setParserErrorHandler(new ErrorHandlerAdapter());
        try {
            return Optional.of(parser.parseResource(new String(answer.body(), StandardCharsets.UTF_8)));
        } catch (DataFormatException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
