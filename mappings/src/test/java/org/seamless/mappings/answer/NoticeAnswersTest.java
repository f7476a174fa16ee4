package org.seamless.mappings.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.itk.ItkEnvelope;
import org.seamless.mappings.itk.ItkEnvelopeReader;
import org.seamless.mappings.itk.ItkEnvelopeXml;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNotices;

class NoticeAnswersTest {
    private static final Instant AT = Instant.parse("2026-01-05T10:00:00Z");

    @Test
    void itkAnswerSurvivesTheEnvelopeRoundTrip() {
        NoticeAnswer answer = NoticeAnswer.of("abc-123", "rejected", "Not our resident <&>");
        ItkEnvelope envelope = NoticeAnswerXml.envelope(answer, "urn:nhs-uk:addressing:ods:LA1");

        ItkEnvelope read = ItkEnvelopeReader.read(ItkEnvelopeXml.write(envelope));

        assertThat(NoticeAnswerXml.read(read)).isEqualTo(answer);
        assertThat(read.trackingId()).isEqualTo(NoticeAnswerXml.envelope(answer, "urn:nhs-uk:addressing:ods:LA1")
                .trackingId());
    }

    @Test
    void malformedPayloadsNameTheRuleBroken() {
        assertThatThrownBy(() -> NoticeAnswerXml.read("<x/>")).hasFieldOrPropertyWithValue("code", "bad-payload");
        assertThatThrownBy(() -> NoticeAnswerXml.read("<NoticeResponse xmlns='" + NoticeAnswerXml.NAMESPACE
                + "'><messageId>a</messageId><outcome>maybe</outcome></NoticeResponse>"))
                .hasFieldOrPropertyWithValue("code", "bad-outcome");
        assertThatThrownBy(() -> NoticeAnswerXml.read("<NoticeResponse xmlns='" + NoticeAnswerXml.NAMESPACE
                + "'><messageId>a</messageId><outcome>rejected</outcome></NoticeResponse>"))
                .hasFieldOrPropertyWithValue("code", "missing-reason");
        assertThatThrownBy(() -> NoticeAnswerXml.read("not xml")).hasFieldOrPropertyWithValue("code", "bad-payload");
        assertThatThrownBy(() -> NoticeAnswer.of("has space", "accepted", null))
                .hasFieldOrPropertyWithValue("code", "bad-message-id");
    }

    @Test
    void csvRowsAreReadWithTheirLineNumbersAndProblems() throws Exception {
        String csv = "\uFEFFmessage_id,outcome,reason\r\n"
                + "m-1,accepted,\r\n"
                + "m-2,REJECTED,\"Already known,\r\nsee case\"\r\n"
                + ",accepted,\r\n"
                + "m-4,perhaps,\r\n"
                + "m-5,accepted\r\n";
        List<NoticeAnswerCsv.Row> rows = new ArrayList<>();
        try (NoticeAnswerCsv reader = NoticeAnswerCsv.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
            reader.forEachRemaining(rows::add);
        }

        assertThat(rows).extracting(NoticeAnswerCsv.Row::line).containsExactly(2L, 3L, 5L, 6L, 7L);
        assertThat(rows.get(0).answer()).isEqualTo(NoticeAnswer.of("m-1", "accepted", ""));
        assertThat(rows.get(1).answer().reason()).contains("Already known,\r\nsee case");
        assertThat(rows.get(2).problem().code()).isEqualTo("missing-message-id");
        assertThat(rows.get(3).problem().code()).isEqualTo("bad-outcome");
        assertThat(rows.get(4).problem().code()).isEqualTo("wrong-column-count");
    }

    @Test
    void aWrongHeaderFailsTheFile() {
        assertThatThrownBy(() -> NoticeAnswerCsv.open(new ByteArrayInputStream("id,outcome\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(NoticeAnswerException.class).hasFieldOrPropertyWithValue("code", "bad-header");
    }

    @Test
    void rejectionBecomesAFatalErrorResponseCompletedFromTheNotice() {
        TestNotices.Notice notice = TestNotices.discharge(4242);
        NoticeAnswer answer = NoticeAnswer.of(notice.messageId(), "rejected", "Not known to us");

        Bundle response = NoticeAnswerMessages.response(answer, "la-1", "urn:nhs-uk:addressing:ods:LA1");
        Bundle completed = NoticeAnswerMessages.complete(MessageBundles.parse(MessageBundles.toJson(response)),
                notice.bundle(), AT);

        MessageHeader h = MessageBundles.header(completed).orElseThrow();
        assertThat(MessageBundles.event(h)).contains(SeamlessEvent.NOTICE_RESPONSE);
        assertThat(h.getResponse().getIdentifier()).isEqualTo(notice.messageId());
        assertThat(h.getResponse().getCode()).isEqualTo(MessageHeader.ResponseType.FATALERROR);
        assertThat(MessageBundles.first(completed, OperationOutcome.class).orElseThrow().getIssueFirstRep()
                .getDetails().getText()).isEqualTo("Not known to us");
        assertThat(MessageBundles.patient(completed).orElseThrow().getIdentifierFirstRep().getValue())
                .isEqualTo(notice.details().nhsNumber().value());
        assertThat(MessageBundles.patient(completed).orElseThrow().getName()).isEmpty();
        assertThat(NoticeAnswerMessages.answerOf(completed)).isEqualTo(answer);
        assertThat(completed.getTimestamp()).isEqualTo(java.util.Date.from(AT));
        // the same answer again is the same message (the gate acknowledges it as a duplicate)
        assertThat(MessageBundles.toJson(NoticeAnswerMessages.response(answer, "la-1", "urn:nhs-uk:addressing:ods:LA1")))
                .isEqualTo(MessageBundles.toJson(response));
        assertThat(MessageBundles.messageId(response)).isNotEqualTo(MessageBundles.messageId(
                NoticeAnswerMessages.response(answer, "la-2", "urn:nhs-uk:addressing:ods:LA1")));
    }
}
