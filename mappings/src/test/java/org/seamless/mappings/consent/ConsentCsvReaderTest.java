package org.seamless.mappings.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.testdata.TestNhsNumbers;

class ConsentCsvReaderTest {
    private static final String HEADER = String.join(",", ConsentCsvReader.COLUMNS);

    @Test
    void readsRowsWithBomAndCrlfAndReportsTheLineEachStartsOn() throws Exception {
        String csv = "\uFEFF" + HEADER + "\r\n"
                + "r1," + TestNhsNumbers.FIXED + ",consent,referral,demo-charity,,2024-01-01,,active\r\n"
                + "\"r2\"," + TestNhsNumbers.FIXED + ",objection,secondary-use,,voluntary-org,,,\r\n";
        List<ConsentCsvRow> rows = read(csv);
        assertThat(rows).extracting(ConsentCsvRow::line).containsExactly(2L, 3L);
        assertThat(rows.get(0).reference()).isEqualTo("r1");
        assertThat(rows.get(1).recipientKind()).isEqualTo("voluntary-org");
        assertThat(rows).allMatch(ConsentCsvRow::complete);
        assertThat(rows.get(0).toString()).doesNotContain(TestNhsNumbers.FIXED);
    }

    @Test
    void columnsMayComeInAnyOrderAndAShortRowIsMarkedIncomplete() throws Exception {
        List<String> reversed = new ArrayList<>(ConsentCsvReader.COLUMNS);
        java.util.Collections.reverse(reversed);
        String csv = String.join(",", reversed) + "\nactive,,2024-01-01,,demo-charity,referral,consent,"
                + TestNhsNumbers.FIXED + ",r1\nonly,three,values\n";
        List<ConsentCsvRow> rows = read(csv);
        assertThat(rows.get(0).reference()).isEqualTo("r1");
        assertThat(rows.get(0).nhsNumber()).isEqualTo(TestNhsNumbers.FIXED);
        assertThat(rows.get(1).complete()).isFalse();
        assertThatThrownBy(() -> ConsentCsvRows.toSpec(rows.get(1), "la"))
                .isInstanceOf(ConsentInputException.class).hasMessageContaining("number of values");
    }

    @Test
    void aHeaderWithAMissingOrUnknownColumnFailsTheFile() {
        assertThatThrownBy(() -> read(HEADER.replace(",status", "") + "\n"))
                .isInstanceOf(ConsentInputException.class).hasMessageContaining("missing column 'status'");
        assertThatThrownBy(() -> read(HEADER + ",colour\n"))
                .isInstanceOf(ConsentInputException.class).hasMessageContaining("unknown column 'colour'");
    }

    @Test
    void rowsBecomeSpecsScopedToTheSendingAgency() throws Exception {
        List<ConsentCsvRow> rows = read(HEADER + "\nr1," + TestNhsNumbers.FIXED
                + ",objection,direct-care,,local-authority,2024-01-01,2024-12-31,withdrawn\n"
                + "r2," + TestNhsNumbers.FIXED + ",perhaps,direct-care,x,,,,\n"
                + "r3," + TestNhsNumbers.FIXED + ",consent,direct-care,x,local-authority,,,\n"
                + "r4," + TestNhsNumbers.FIXED + ",consent,direct-care,x,,01/02/2024,,\n");
        ConsentSpec spec = ConsentCsvRows.toSpec(rows.get(0), "demo-la-csv");
        assertThat(spec.reference()).isEqualTo(ConsentMessages.REFERENCE_SYSTEM_PREFIX + "demo-la-csv|r1");
        assertThat(spec.objection()).isTrue();
        assertThat(spec.active()).isFalse();
        assertThat(spec.recipients()).containsExactly(ConsentSpec.Recipient.kind("local-authority"));
        assertThat(spec.end()).hasToString("2024-12-31");
        assertThat(code(rows.get(1))).isEqualTo("unknown-decision");
        assertThat(code(rows.get(2))).isEqualTo("invalid-recipient");
        assertThat(code(rows.get(3))).isEqualTo("invalid-date");
    }

    private static String code(ConsentCsvRow row) {
        try {
            ConsentCsvRows.toSpec(row, "la");
            return null;
        } catch (ConsentInputException e) {
            assertThat(e.getMessage()).doesNotContain(TestNhsNumbers.FIXED);
            return e.code();
        }
    }

    private static List<ConsentCsvRow> read(String csv) throws Exception {
        List<ConsentCsvRow> rows = new ArrayList<>();
        try (ConsentCsvReader r = ConsentCsvReader.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
            r.forEachRemaining(rows::add);
        }
        return rows;
    }
}
