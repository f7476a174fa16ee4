package org.seamless.privacy.transform.pseudonymise;

import java.time.LocalDate;
import java.time.Period;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;

/**
 * Age bands for pseudonymised releases, as an extension on Patient carrying a Range in years
 * (UCUM {@code a}); the top band has no upper bound.
 */
final class AgeBand {
    /** The extension URL. */
    static final String EXTENSION_URL = "https://seamless.dev/fhir/StructureDefinition/age-band";
    private static final int[] LOWER_BOUNDS = {0, 5, 12, 18, 25, 35, 45, 55, 65, 75, 85};

    private AgeBand() {
    }

    /** The band holding the age reached by {@code on}, as an extension. */
    static Extension extension(LocalDate birthDate, LocalDate on) {
        int age = Math.max(0, Period.between(birthDate, on).getYears());
        int band = 0;
        while (band + 1 < LOWER_BOUNDS.length && age >= LOWER_BOUNDS[band + 1]) {
            band++;
        }
        Range range = new Range().setLow(years(LOWER_BOUNDS[band]));
        if (band + 1 < LOWER_BOUNDS.length) {
            range.setHigh(years(LOWER_BOUNDS[band + 1] - 1));
        }
        return new Extension(EXTENSION_URL, range);
    }

    private static Quantity years(int n) {
        return new Quantity().setValue(n).setUnit("years").setSystem("http://unitsofmeasure.org").setCode("a");
    }
}
