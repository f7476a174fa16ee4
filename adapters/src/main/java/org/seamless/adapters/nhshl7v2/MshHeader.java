package org.seamless.adapters.nhshl7v2;

import java.nio.charset.StandardCharsets;

/**
 * The MSH fields read before (and whether or not) the whole message parses, so that even a
 * structurally broken message gets an acknowledgement that names its control id: MSH-3/4
 * (sending application and facility), MSH-9 (type, trigger), MSH-10 (control id) and MSH-12
 * (version). Empty strings for what is absent.
 */
record MshHeader(String sendingApplication, String sendingFacility, String messageType, String trigger,
                 String controlId, String version, char fieldSeparator, char componentSeparator) {

    static final MshHeader NONE = new MshHeader("", "", "", "", "", "", '|', '^');

    /** The header of {@code raw}, or {@link #NONE} when it does not start with an MSH segment. */
    static MshHeader of(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1); // why: MSH fields are ASCII in every charset
        int start = text.indexOf("MSH");
        if (start < 0 || start > 4 || text.length() < start + 8) { // a few leading bytes (BOM, newline) are tolerated
            return NONE;
        }
        int end = text.indexOf('\r', start);
        String msh = end < 0 ? text.substring(start) : text.substring(start, end);
        char fs = msh.charAt(3);
        char cs = msh.charAt(4);
        String[] f = msh.split(java.util.regex.Pattern.quote(String.valueOf(fs)), -1);
        // f[0] = "MSH", f[1] = encoding characters (MSH-2), so MSH-n is f[n - 1]
        String type = field(f, 9);
        String[] typeParts = type.split(java.util.regex.Pattern.quote(String.valueOf(cs)), -1);
        return new MshHeader(first(field(f, 3), cs), first(field(f, 4), cs), typeParts[0].strip(),
                typeParts.length > 1 ? typeParts[1].strip() : "", field(f, 10).strip(), first(field(f, 12), cs).strip(),
                fs, cs);
    }

    private static String field(String[] f, int n) {
        return f.length > n - 1 ? f[n - 1] : "";
    }

    private static String first(String value, char cs) {
        int i = value.indexOf(cs);
        return i < 0 ? value : value.substring(0, i);
    }
}
