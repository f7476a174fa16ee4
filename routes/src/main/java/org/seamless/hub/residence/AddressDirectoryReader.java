package org.seamless.hub.residence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads an address directory (ADR 0062) in either of two CSV layouts, told apart by the header row
 * (names compared case-insensitively, other columns ignored):
 * <ul>
 * <li><b>Seamless address layout</b>: {@code uprn,postcode,address,la_code}. {@code uprn} may be
 * blank (the column may be left out); {@code address} is the property's lines before the town, in one
 * cell (commas inside quotes); {@code la_code} is the ONS LA district code.</li>
 * <li><b>ONS UPRN Directory (ONSUD)</b>: columns {@code UPRN}, {@code PCDS} and the LA district column
 * {@code LADyyCD} (e.g. {@code LAD25CD}). Rows without an LA code or with a pseudo code
 * ({@code ...99999999}) are skipped; a blank postcode keeps the UPRN.</li>
 * </ul>
 * A malformed file stops the start with its name, line number and what is wrong; cell values are
 * never quoted in the error.
 */
public final class AddressDirectoryReader {
    private static final Pattern UPRN = Pattern.compile("[0-9]{1,12}");
    private static final Pattern LA_CODE = Pattern.compile("[EWSNL][0-9]{8}");
    private static final Pattern ONSUD_LA = Pattern.compile("lad[0-9]{2}cd");

    private AddressDirectoryReader() {
    }

    /** Reads the rows of one file into the builder; {@code sourceName} is only used in error messages. */
    public static void read(Reader in, String sourceName, AddressDirectory.Builder into) throws IOException {
        BufferedReader lines = new BufferedReader(in, 1 << 16);
        String header = lines.readLine();
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException(sourceName + ": empty address directory (no header row)");
        }
        List<String> names = OnspdReader.split(header.startsWith("\uFEFF") ? header.substring(1) : header).stream()
                .map(n -> n.strip().toLowerCase(Locale.ROOT)).toList();
        int uprn = names.indexOf("uprn");
        int postcode;
        int address;
        int la;
        boolean onsud;
        if (names.contains("la_code")) {
            onsud = false;
            postcode = names.indexOf("postcode");
            address = names.indexOf("address");
            la = names.indexOf("la_code");
            if (postcode < 0 || address < 0) {
                throw new IllegalArgumentException(sourceName + ": header has la_code but lacks postcode or address;"
                        + " the Seamless address layout is uprn,postcode,address,la_code");
            }
        } else {
            onsud = true;
            postcode = names.indexOf("pcds");
            address = -1;
            la = -1;
            for (int i = 0; i < names.size(); i++) {
                if (ONSUD_LA.matcher(names.get(i)).matches()) {
                    la = i;
                }
            }
            if (uprn < 0 || postcode < 0 || la < 0) {
                throw new IllegalArgumentException(sourceName + ": header is neither the Seamless address layout"
                        + " (uprn,postcode,address,la_code) nor the ONS UPRN Directory (UPRN, PCDS, LADyyCD)");
            }
        }
        int widest = Math.max(Math.max(uprn, postcode), Math.max(address, la));
        String line;
        long lineNumber = 1;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = OnspdReader.split(line);
            String where = sourceName + ": line " + lineNumber + " ";
            if (cells.size() <= widest) {
                throw new IllegalArgumentException(where + "has too few columns");
            }
            String laCode = cells.get(la).strip();
            if (onsud && (laCode.isEmpty() || laCode.endsWith("99999999"))) {
                continue;
            }
            if (!LA_CODE.matcher(laCode).matches()) {
                throw new IllegalArgumentException(where + "has no ONS local authority code (like E08000035)");
            }
            Long property = null;
            String rawUprn = uprn < 0 ? "" : cells.get(uprn).strip();
            if (!rawUprn.isEmpty()) {
                if (!UPRN.matcher(rawUprn).matches()) {
                    throw new IllegalArgumentException(where + "has a UPRN that is not 1 to 12 digits");
                }
                property = Long.parseLong(rawUprn);
            }
            String rawPostcode = cells.get(postcode).strip();
            String pc = null;
            if (!rawPostcode.isEmpty()) {
                pc = Postcodes.normalise(rawPostcode).filter(p -> !Postcodes.isPseudo(p)).orElseThrow(() ->
                        new IllegalArgumentException(where + "has a postcode that is not a UK postcode"));
            } else if (!onsud) {
                throw new IllegalArgumentException(where + "has no postcode");
            }
            String key = address < 0 ? null : Addresses.key(cells.get(address));
            if (!onsud && property == null && key.isEmpty()) {
                throw new IllegalArgumentException(where + "has neither a UPRN nor an address");
            }
            into.add(property, pc, key, laCode);
        }
    }
}
