package org.seamless.mappings.csv;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * What to do with CSV cells a spreadsheet would run as a formula (CSV/formula injection):
 * cells beginning with {@code = + - @}, TAB or CR. Configured per receiving agency.
 */
public enum FormulaPolicy {
    /** Prefix every such cell with a single quote ({@code '}), as OWASP recommends. The safe default. */
    NEUTRALISE("neutralise"),
    /** Leave cells as they are: only for an importer that never hands the file to a spreadsheet. */
    OFF("off"),
    /**
     * Neutralise, except cells made only of digits, spaces and {@code + - ( ) .} with at least one
     * digit, such as {@code +44 7700 900123} or {@code -3}: with no letters there is no function,
     * cell reference or DDE call to run, so a case-system import keeps international phone
     * numbers intact instead of storing {@code '+44 ...}.
     */
    NEUTRALISE_EXCEPT_NUMERIC("neutralise-except-numeric");

    private static final Pattern NUMERIC = Pattern.compile("[0-9 +().\\-]*[0-9][0-9 +().\\-]*");

    private final String configName;

    FormulaPolicy(String configName) {
        this.configName = configName;
    }

    /** The spelling used in agency configuration, e.g. {@code neutralise-except-numeric}. */
    public String configName() {
        return configName;
    }

    /** Parses the configuration spelling (case-insensitive). */
    public static FormulaPolicy fromConfig(String value) {
        return Arrays.stream(values()).filter(p -> p.configName.equalsIgnoreCase(value == null ? "" : value.strip()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(
                        "unknown formula policy (expected neutralise, off or neutralise-except-numeric)"));
    }

    /** The cell as this policy writes it. Null stays null. */
    public String apply(String cell) {
        if (cell == null || this == OFF || !startsLikeFormula(cell)) {
            return cell;
        }
        if (this == NEUTRALISE_EXCEPT_NUMERIC && NUMERIC.matcher(cell).matches()) {
            return cell;
        }
        return "'" + cell;
    }

    /** True when a spreadsheet could treat the cell as a formula. */
    public static boolean startsLikeFormula(String cell) {
        if (cell == null || cell.isEmpty()) {
            return false;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
