package org.seamless.privacy.keys;

/**
 * Text encodings for pseudonyms and tokens, chosen so that no output can be read as an NHS
 * number: pseudonym bodies start with a letter and never hold more than four digits in a row,
 * token bodies hold no digits at all.
 */
final class Encodings {
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    /** Sixteen letters, without I and O (confusable with 1 and 0). */
    private static final String LETTERS16 = "ABCDEFGHJKLMNPQR";

    private Encodings() {
    }

    /**
     * Crockford base32 of the first {@code chars * 5} bits, with the first and every fifth symbol
     * after it folded onto a letter when it is a digit (a one-way step: pseudonyms are compared,
     * never decoded).
     */
    static String crockfordFolded(byte[] data, int chars) {
        StringBuilder out = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            int v = bits(data, i * 5);
            if (i % 5 == 0 && v < 10) {
                v += 10;
            }
            out.append(CROCKFORD.charAt(v));
        }
        return out.toString();
    }

    private static int bits(byte[] data, int offset) {
        int v = 0;
        for (int b = 0; b < 5; b++) {
            int bit = offset + b;
            int byteIndex = bit / 8;
            int set = byteIndex < data.length ? (data[byteIndex] >> (7 - bit % 8)) & 1 : 0;
            v = (v << 1) | set;
        }
        return v;
    }

    /** Each byte as two letters from a sixteen-letter alphabet. */
    static String letters(byte[] data) {
        StringBuilder out = new StringBuilder(data.length * 2);
        for (byte b : data) {
            out.append(LETTERS16.charAt((b >> 4) & 0xF)).append(LETTERS16.charAt(b & 0xF));
        }
        return out.toString();
    }

    /** The inverse of {@link #letters(byte[])}; IllegalArgumentException on any other text. */
    static byte[] fromLetters(String text) {
        if (text.length() % 2 != 0) {
            throw new IllegalArgumentException("odd length");
        }
        byte[] out = new byte[text.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = LETTERS16.indexOf(text.charAt(2 * i));
            int lo = LETTERS16.indexOf(text.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not a token letter");
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }
}
