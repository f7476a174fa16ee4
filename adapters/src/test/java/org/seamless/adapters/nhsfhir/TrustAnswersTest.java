package org.seamless.adapters.nhsfhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MessageHeader.ResponseType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.push.HttpPush;
import org.seamless.adapters.push.SinkOutcome;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.message.MessageIssue;
import org.seamless.mappings.message.ResponseMessages;
import org.seamless.mappings.testdata.TestNotices;

class TrustAnswersTest {
    private static final String JSON = "application/fhir+json;charset=UTF-8";
    private final TestNotices.Notice notice = TestNotices.discharge(7);
    private final String family = notice.details().familyName();

    @Test
    void aTwoHundredIsDelivered() {
        assertThat(TrustAnswers.classify(answer(200, JSON, response(ResponseType.OK, List.of()))).delivered()).isTrue();
        assertThat(TrustAnswers.classify(new HttpPush.Answer(202, "", new byte[0])).delivered()).isTrue();
    }

    @Test
    void aFourTwentyTwoWithAnOperationOutcomeIsARefusalWithCodesOnly() {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.BUSINESSRULE)
                .setDiagnostics("No open spell for " + family);
        oo.addIssue().setSeverity(IssueSeverity.WARNING).setCode(IssueType.INFORMATIONAL).setDiagnostics(family);
        SinkOutcome o = TrustAnswers.classify(answer(422, JSON, oo));
        assertThat(o.delivered()).isFalse();
        assertThat(o.detail()).isEqualTo("HTTP 422; issues: business-rule,informational").doesNotContain(family);
    }

    @Test
    void aFatalErrorResponseMessageIsARefusalWhateverTheSuccessStatus() {
        List<MessageIssue> issues = List.of(MessageIssue.error(IssueType.INVALID, "Patient.name", "Bad name " + family));
        for (int status : new int[] {200, 400}) {
            SinkOutcome o = TrustAnswers.classify(answer(status, JSON, response(ResponseType.FATALERROR, issues)));
            assertThat(o.delivered()).isFalse();
            assertThat(o.detail()).contains("invalid").doesNotContain(family);
        }
    }

    @Test
    void serverErrorsTransientErrorsAuthFailuresAndNonFhirAnswersAreRetried() {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.SECURITY).setDiagnostics("token expired");
        OperationOutcome warningOnly = new OperationOutcome();
        warningOnly.addIssue().setSeverity(IssueSeverity.WARNING).setCode(IssueType.INFORMATIONAL);
        List<HttpPush.Answer> waiting = List.of(answer(503, JSON, oo), answer(500, "", null), answer(429, JSON, oo),
                answer(200, JSON, response(ResponseType.TRANSIENTERROR, List.of())));
        for (HttpPush.Answer a : waiting) {
            assertThatThrownBy(() -> TrustAnswers.classify(a)).as("HTTP %d", a.status())
                    .isInstanceOf(HttpPush.RetryLaterException.class);
        }
        List<HttpPush.Answer> faults = List.of(answer(401, JSON, oo), answer(403, JSON, oo), answer(404, JSON, oo),
                answer(422, JSON, warningOnly),
                new HttpPush.Answer(400, "text/html", "<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8)));
        for (HttpPush.Answer a : faults) {
            assertThatThrownBy(() -> TrustAnswers.classify(a)).as("HTTP %d", a.status())
                    .isInstanceOf(org.seamless.adapters.failure.DeliveryFaultException.class);
        }
    }

    private org.hl7.fhir.r4.model.Bundle response(ResponseType code, List<MessageIssue> issues) {
        var responder = new ResponseMessages.Responder("6c1f3f0e-2d55-4f4a-9d3a-0b8e2f8f1a11", "urn:test", Instant.now());
        return ResponseMessages.respond(notice.bundle(), responder, code,
                issues.isEmpty() ? null : org.seamless.mappings.message.OperationOutcomes.from(issues));
    }

    private static HttpPush.Answer answer(int status, String type, IBaseResource resource) {
        byte[] body = resource == null ? new byte[0]
                : FhirContexts.r4().newJsonParser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
        return new HttpPush.Answer(status, type, body);
    }
}
