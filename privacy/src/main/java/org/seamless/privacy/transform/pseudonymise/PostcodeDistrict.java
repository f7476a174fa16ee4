package org.seamless.privacy.transform.pseudonymise;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The outward code (postcode district) of a UK postcode, e.g. {@code LS1} from {@code LS1 4AP}. */
final class PostcodeDistrict {
    private static final Pattern FULL = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}");
    private static final Pattern OUTWARD = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]?");

    private PostcodeDistrict() {
    }

    /** The district, or empty when the text is not a UK postcode or district. */
    static Optional<String> of(String postcode) {
        if (postcode == null) {
            return Optional.empty();
        }
        String compact = postcode.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        if (FULL.matcher(compact).matches()) {
            return Optional.of(compact.substring(0, compact.length() - 3));
        }
        return OUTWARD.matcher(compact).matches() ? Optional.of(compact) : Optional.empty();
    }
}
