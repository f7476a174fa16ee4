package org.seamless.mappings.d2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.csv.FormulaPolicy;
import org.seamless.mappings.message.NoticeDetails;

class D2aCsvTest {
    private static final D2aCsv CSV = new D2aCsv(FormulaPolicy.NEUTRALISE);

    @Test
    void everyTrustEventHasALayoutStartingWithTheCommonColumns() {
        for (SeamlessEvent e : D2aCodes.FROM_HOSPITAL) {
            assertThat(D2aCsv.columns(e)).startsWith(D2aCsv.COMMON.toArray(String[]::new)).doesNotHaveDuplicates();
        }
        assertThat(D2aCsv.EXTRA.keySet()).containsExactlyInAnyOrderElementsOf(D2aCodes.FROM_HOSPITAL);
        assertThatThrownBy(() -> D2aCsv.columns(SeamlessEvent.D2A_CARE_ARRANGED)).hasMessageContaining("no discharge");
    }

    @Test
    void aFileIsTheHeaderAndOneRowWithTheEventsFacts() throws Exception {
        for (D2aStay s : TestD2a.sequence(31, D2aCodes.Pathway.P3, "9990000026", "RR8", "LS1 4AP")) {
            String file = CSV.file(D2aMessages.build(s), 2);
            assertThat(file).endsWith("\r\n");
            var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(file));
            assertThat(parser.getHeaderNames()).isEqualTo(D2aCsv.columns(s.event()));
            List<CSVRecord> rows = parser.getRecords();
            assertThat(rows).hasSize(1);
            CSVRecord r = rows.get(0);
            assertThat(r.get("message_id")).isEqualTo(s.messageId());
            assertThat(r.get("replay_generation")).isEqualTo("2");
            assertThat(r.get("event")).isEqualTo(s.event().code());
            assertThat(r.get("nhs_number")).isEqualTo("9990000026");
            assertThat(r.get("uprn")).isEqualTo(s.uprn());
            assertThat(r.get("pathway")).isEqualTo(s.pathway() == null ? "" : s.pathway().code());
            switch (s.event()) {
                case D2A_DISCHARGED -> {
                    assertThat(r.get("discharge_destination")).isEqualTo("54");
                    assertThat(r.get("discharged_at")).isEqualTo("2026-03-10T14:30:00Z");
                    assertThat(r.get("discharge_ready_date")).isEqualTo("2026-03-08");
                }
                case D2A_DELAY -> assertThat(r.get("delay_reason")).isEqualTo("pathway3-capacity");
                case D2A_REFERRAL -> {
                    assertThat(r.get("needs_summary")).startsWith("Needs help");
                    assertThat(r.get("unpaid_carer_involved")).isEqualTo("true");
                    assertThat(r.get("pathway")).as("pathway 3 starts as 2 in the test sequence").isEqualTo("2");
                }
                default -> {
                }
            }
        }
    }

    @Test
    void formulaLikeCellsAreNeutralised() {
        D2aStay.Builder b = TestD2a.sequence(32, D2aCodes.Pathway.P1, "9990000034", "RR8", "LS1 4AP").get(1)
                .toBuilder();
        b.needsSummary = "=HYPERLINK(\"http://x\")";
        List<String> cells = CSV.values(b.build(), 0);
        assertThat(cells.get(D2aCsv.columns(SeamlessEvent.D2A_REFERRAL).indexOf("needs_summary"))).startsWith("'=");
    }

    @Test
    void answersFileRowsBecomeAnswersAndBadRowsNameTheirColumn() throws Exception {
        String file = "answer_to,event,nhs_number,answered_at,package_id,package_type,provider_name,care_start_date\r\n"
                + "0b9f9a3e-1111-4c1e-8a5e-000000000001,care-arranged,9990000018,2026-03-02T11:00:00Z,P1,home-care,"
                + "Acme Care,2026-03-10\r\n"
                + "0b9f9a3e-1111-4c1e-8a5e-000000000001,care-arranged,9990000018,2026-03-02T11:00:00Z,P1,home-care,"
                + "Acme Care,\r\n"
                + "0b9f9a3e-1111-4c1e-8a5e-000000000001,maybe,9990000018,2026-03-02T11:00:00Z,,,,\r\n"
                + "0b9f9a3e-1111-4c1e-8a5e-000000000001,acknowledgement,9990000019,2026-03-02T11:00:00Z,,,,\r\n";

        List<D2aAnswerCsv.Row> rows = D2aAnswerCsv.read(new StringReader(file), "la-1");

        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).ok()).isTrue();
        assertThat(rows.get(0).answer().careStartDate()).hasToString("2026-03-10");
        assertThat(rows.get(0).answer().councilAgencyId()).isEqualTo("la-1");
        assertThat(rows.get(1).problem()).contains("careStartDate");
        assertThat(rows.get(2).problemColumn()).isEqualTo("event");
        assertThat(rows.get(3).problemColumn()).isEqualTo("nhs_number");
        assertThat(rows.get(3).problem()).doesNotContain("9990000019");
        assertThat(D2aAnswerCsv.read(new StringReader(file), "la-1").get(0).answer().messageId())
                .as("same row, same message id").isEqualTo(rows.get(0).answer().messageId());
        assertThatThrownBy(() -> D2aAnswerCsv.read(new StringReader("event,nhs_number\r\n"), "la-1"))
                .hasMessageContaining("answer_to");
    }

    @Test
    void legacyNoticesAreGeneratedForTheEventsThatHadOne() {
        List<D2aStay> seq = TestD2a.sequence(33, D2aCodes.Pathway.P2, "9990000042", "RR8", "LS1 4AP");
        for (D2aStay s : seq) {
            var notice = LegacyNotices.of(s);
            switch (s.event()) {
                case D2A_ADMISSION -> assertThat(notice).map(NoticeDetails::event).contains(SeamlessEvent.ADMISSION_NOTICE);
                case D2A_REFERRAL -> assertThat(notice).map(NoticeDetails::event).contains(SeamlessEvent.ASSESSMENT_NOTICE);
                case D2A_PREDICTED_DISCHARGE_DATE -> assertThat(notice.orElseThrow().plannedDischargeDate())
                        .isEqualTo(s.predictedDischargeDate());
                case D2A_DISCHARGE_READY_DATE -> assertThat(notice).map(NoticeDetails::event)
                        .contains(SeamlessEvent.DISCHARGE_NOTICE);
                default -> assertThat(notice).as(s.event().code()).isEmpty();
            }
            notice.ifPresent(n -> {
                assertThat(n.messageId()).isEqualTo(LegacyNotices.noticeMessageId(s.messageId()))
                        .isNotEqualTo(s.messageId());
                assertThat(n.nhsNumber()).isEqualTo(s.nhsNumber());
                assertThat(n.encounterId()).isEqualTo(s.spellId());
            });
        }
        assertThat(LegacyNotices.of(TestD2a.cancellation(seq.get(1), 33))).map(NoticeDetails::event)
                .contains(SeamlessEvent.WITHDRAWAL_NOTICE);
    }
}
