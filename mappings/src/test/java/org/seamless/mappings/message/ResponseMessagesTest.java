package org.seamless.mappings.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.testdata.TestNotices;

class ResponseMessagesTest {
    private static final ResponseMessages.Responder LA = new ResponseMessages.Responder(
            "5b1c0f5e-8d7a-4c55-9a53-1f6f0b7a2c10", "urn:nhs-uk:addressing:ods:E08000035", Instant.parse("2025-03-02T10:00:00Z"));

    @Test
    void okAnswersTheOriginalMessageId() {
        TestNotices.Notice notice = TestNotices.assessment(51L);
        Bundle response = ResponseMessages.ok(notice.bundle(), LA);

        MessageHeader header = MessageBundles.header(response).orElseThrow();
        assertThat(header.getResponse().getIdentifier()).isEqualTo(notice.messageId());
        assertThat(header.getResponse().getCode()).isEqualTo(MessageHeader.ResponseType.OK);
        assertThat(MessageBundles.messageId(response)).contains(LA.responseId());
        assertThat(MessageBundles.event(response)).contains(SeamlessEvent.NOTICE_RESPONSE);
        assertThat(header.getDestinationFirstRep().getEndpoint()).isEqualTo("urn:nhs-uk:addressing:ods:DEMO1");
        assertThat(response.getEntry()).hasSize(1);
        assertThat(InboundMessageCheck.check(response))
                .as("a response carries no Patient: only that rule fails").singleElement()
                .satisfies(i -> assertThat(i.diagnostics()).contains("no Patient"));
    }

    @Test
    void fatalErrorCarriesEveryIssue() {
        Bundle original = TestNotices.discharge(52L).bundle();
        MessageBundles.encounters(original).get(0).getExtension().clear();
        original.setType(Bundle.BundleType.COLLECTION);
        List<MessageIssue> issues = InboundMessageCheck.check(original);

        Bundle response = ResponseMessages.fatalError(original, LA, issues);

        MessageHeader header = MessageBundles.header(response).orElseThrow();
        assertThat(header.getResponse().getCode()).isEqualTo(MessageHeader.ResponseType.FATALERROR);
        OperationOutcome outcome = (OperationOutcome) MessageBundles.resolve(response, header.getResponse().getDetails()).orElseThrow();
        assertThat(outcome.getIssue()).hasSize(2)
                .extracting(i -> i.getExpression().get(0).getValue())
                .containsExactly(issues.get(0).location(), issues.get(1).location());
    }

    @Test
    void nonNoticeResponseRepeatsTheOriginalEvent() {
        Bundle original = TestNotices.discharge(53L).bundle();
        MessageBundles.header(original).orElseThrow().setEvent(new Coding(SeamlessEvent.SYSTEM, "referral", null));
        assertThat(MessageBundles.event(ResponseMessages.ok(original, LA))).contains(SeamlessEvent.REFERRAL);
    }

    @Test
    void cannotAnswerAMessageWithoutId() {
        Bundle original = TestNotices.discharge(54L).bundle();
        MessageBundles.header(original).orElseThrow().setIdElement(null);
        assertThatThrownBy(() -> ResponseMessages.ok(original, LA)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyIssueListGivesAnInformationalOutcome() {
        OperationOutcome outcome = OperationOutcomes.from(List.of());
        assertThat(outcome.getIssue()).singleElement()
                .satisfies(i -> assertThat(i.getCode()).isEqualTo(IssueType.INFORMATIONAL));
        assertThat(OperationOutcomes.hasErrors(List.of(MessageIssue.error(IssueType.VALUE, "x", "y")))).isTrue();
    }
}
