package org.seamless.mappings.consent;

/**
 * One data row of an LA consents CSV file, with the line it starts on (the header is line 1).
 * Holds personal data: {@link #toString()} prints only the line.
 *
 * @param complete false when the row had a different number of values from the header
 */
public record ConsentCsvRow(long line, boolean complete, String reference, String nhsNumber, String decision,
                            String purpose, String recipientAgency, String recipientKind, String startDate,
                            String endDate, String status) {

    @Override
    public String toString() {
        return "ConsentCsvRow[line " + line + "]";
    }
}
