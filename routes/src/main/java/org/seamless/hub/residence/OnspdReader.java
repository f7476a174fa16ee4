package org.seamless.hub.residence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a CSV file in the layout of the ONS Postcode Directory (ONSPD) into a
 * {@link PostcodeDirectory}. Uses the columns {@code pcds} (or {@code pcd}), {@code oslaua} and
 * {@code doterm} by their header names and ignores the rest; skips terminated postcodes (a
 * {@code doterm} date), pseudo-postcodes and rows without an LA code. Rows are read one at a time,
 * so the 2.7 million-row directory never sits in memory as text.
 */
public final class OnspdReader {
    private OnspdReader() {
    }

    /** Reads the whole directory; {@code sourceName} is only used in error messages. */
    public static PostcodeDirectory read(Reader in, String sourceName) throws IOException {
        BufferedReader lines = new BufferedReader(in, 1 << 16);
        String header = lines.readLine();
        if (header == null) {
            throw new IllegalArgumentException(sourceName + ": empty postcode directory");
        }
        List<String> names = split(header.startsWith("\uFEFF") ? header.substring(1) : header);
        int pcds = names.indexOf("pcds") >= 0 ? names.indexOf("pcds") : names.indexOf("pcd");
        int oslaua = names.indexOf("oslaua");
        int doterm = names.indexOf("doterm");
        if (pcds < 0 || oslaua < 0 || doterm < 0) {
            throw new IllegalArgumentException(sourceName + ": header needs ONSPD columns pcds (or pcd), oslaua and doterm");
        }
        PostcodeDirectory.Builder builder = PostcodeDirectory.builder();
        String line;
        long lineNumber = 1;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(line);
            if (cells.size() <= Math.max(pcds, Math.max(oslaua, doterm))) {
                // why: no row content in the message; a line number is enough to find it
                throw new IllegalArgumentException(sourceName + ": line " + lineNumber + " has too few columns");
            }
            String la = cells.get(oslaua).strip();
            if (!cells.get(doterm).isBlank() || la.isEmpty() || la.endsWith("99999999")) {
                continue;
            }
            Postcodes.normalise(cells.get(pcds)).filter(pc -> !Postcodes.isPseudo(pc)).ifPresent(pc -> builder.add(pc, la));
        }
        return builder.build();
    }

    /** Splits one CSV record (RFC 4180 quoting; ONSPD quotes every text cell). */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>(64);
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }
}
