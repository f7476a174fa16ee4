package org.seamless.mappings.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.NoticeDetails;
import org.seamless.mappings.testdata.TestNotices;

class HospitalNoticeCsvTest {
    private final HospitalNoticeCsv csv = new HospitalNoticeCsv(FormulaPolicy.NEUTRALISE);

    private static CSVRecord parseRow(String file) throws IOException {
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(file)).getRecords();
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    @Test
    void rowReadsBackToTheNoticeDetails() throws IOException {
        TestNotices.Notice notice = TestNotices.discharge(61L);
        NoticeDetails d = notice.details();

        CSVRecord row = parseRow(csv.file(List.of(notice.bundle()), 0));

        assertThat(row.size()).isEqualTo(HospitalNoticeCsv.COLUMNS.size());
        assertThat(row.get("message_id")).isEqualTo(d.messageId());
        assertThat(row.get("replay_generation")).isEqualTo("0");
        assertThat(row.get("event")).isEqualTo("discharge-notice");
        assertThat(row.get("nhs_number")).isEqualTo(d.nhsNumber().value());
        assertThat(row.get("family_name")).isEqualTo(d.familyName());
        assertThat(row.get("postcode")).isEqualTo(d.postcode());
        assertThat(row.get("encounter_id")).isEqualTo(d.encounterId());
        assertThat(row.get("planned_discharge_date")).isEqualTo(d.plannedDischargeDate().toString());
        assertThat(row.get("hospital_ods_code")).isEqualTo(TestNotices.HOSPITAL_ODS);
        assertThat(row.get("contact_name")).isEqualTo(d.contactName());
    }

    @Test
    void replayGenerationIsWrittenAndMessageIdUnchanged() {
        Bundle bundle = TestNotices.assessment(62L).bundle();
        List<String> first = csv.values(bundle, 0);
        List<String> replay = csv.values(bundle, 3);
        int gen = HospitalNoticeCsv.COLUMNS.indexOf("replay_generation");
        assertThat(replay.get(gen)).isEqualTo("3");
        assertThat(replay.get(0)).isEqualTo(first.get(0));
        assertThatThrownBy(() -> csv.values(bundle, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headerLineIsTheColumnsInOrderWithCrlf() {
        assertThat(csv.headerLine()).isEqualTo(String.join(",", HospitalNoticeCsv.COLUMNS) + "\r\n");
    }

    @Test
    void notANoticeIsRejectedWithoutPersonalData() {
        Bundle bundle = TestNotices.discharge(63L).bundle();
        String nhs = MessageBundles.patient(bundle).orElseThrow().getIdentifierFirstRep().getValue();
        bundle.getEntry().removeIf(e -> e.getResource() instanceof Patient);
        assertThatThrownBy(() -> csv.values(bundle, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Patient").hasMessageNotContaining(nhs);
    }
}
