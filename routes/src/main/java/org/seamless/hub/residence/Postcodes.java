package org.seamless.hub.residence;

import java.util.Optional;
import java.util.regex.Pattern;

/** UK postcode helpers: normalising, the district (outward code), pseudo-postcodes and a compact numeric key. */
public final class Postcodes {
    /** Outward code (2-4 characters) and inward code (digit and two letters), spaces removed. */
    private static final Pattern SHAPE = Pattern.compile("[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2}");
    /** ZZ99 3VZ: the NHS pseudo-postcode for "no fixed abode". */
    public static final String NO_FIXED_ABODE = "ZZ993VZ";

    private Postcodes() {
    }

    /** Upper case with all whitespace removed, if it has the shape of a postcode. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder(8);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!Character.isWhitespace(c)) {
                b.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
            }
        }
        String s = b.toString();
        return SHAPE.matcher(s).matches() ? Optional.of(s) : Optional.empty();
    }

    /** The district (outward code) of a normalised postcode: everything but the last three characters. */
    public static String district(String normalised) {
        return normalised.substring(0, normalised.length() - 3);
    }

    /** NHS pseudo-postcodes (ZZ99 ...: no fixed abode, not known, country only) never name a place. */
    public static boolean isPseudo(String normalised) {
        return normalised.startsWith("ZZ99");
    }

    /**
     * A normalised postcode (at most 7 characters) as a number: base 37 per character, so distinct
     * postcodes get distinct keys below 37^7 (about 2^37).
     */
    public static long key(String normalised) {
        long k = 0;
        for (int i = 0; i < normalised.length(); i++) {
            char c = normalised.charAt(i);
            int v = c >= '0' && c <= '9' ? 1 + c - '0' : 11 + c - 'A';
            k = k * 37 + v;
        }
        return k;
    }
}
