package org.seamless.mappings.consent;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the rows of an LA consents CSV file (UTF-8, optional BOM, CRLF or LF, a header row with
 * the {@link #COLUMNS} in any order). Reads one record at a time, so memory stays flat for any
 * file size. A header that lacks a column or has an unknown one fails the whole file.
 */
public final class ConsentCsvReader implements Closeable, Iterator<ConsentCsvRow> {
    /** The columns, in the documented order. */
    public static final List<String> COLUMNS = List.of("reference", "nhs_number", "decision", "purpose",
            "recipient_agency", "recipient_kind", "start_date", "end_date", "status");

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private long lastLine;

    private ConsentCsvReader(CSVParser parser) {
        this.parser = parser;
        this.lastLine = parser.getCurrentLineNumber(); // the header's last line
        this.records = parser.iterator();
    }

    /** Opens a reader; throws {@link ConsentInputException} {@code bad-header} when the header is wrong. */
    public static ConsentCsvReader open(InputStream in) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder));
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset(); // why: no byte order mark, so the first character is data
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get();
        checkHeader(parser.getHeaderNames());
        return new ConsentCsvReader(parser);
    }

    private static void checkHeader(List<String> header) {
        Set<String> names = new LinkedHashSet<>();
        header.forEach(h -> names.add(h.strip().toLowerCase(java.util.Locale.ROOT)));
        for (String name : names) {
            if (!COLUMNS.contains(name)) {
                throw new ConsentInputException("bad-header", "header", "unknown column '"
                        + (name.length() > 40 ? name.substring(0, 40) : name) + "'");
            }
        }
        for (String column : COLUMNS) {
            if (!names.contains(column)) {
                throw new ConsentInputException("bad-header", "header", "missing column '" + column + "'");
            }
        }
    }

    @Override
    public boolean hasNext() {
        return records.hasNext();
    }

    @Override
    public ConsentCsvRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        // why: the iterator reads one record ahead, so the line counter is already past the record it returns
        long line = lastLine + 1;
        CSVRecord r = records.next();
        lastLine = parser.getCurrentLineNumber();
        boolean complete = r.isConsistent();
        return new ConsentCsvRow(line, complete, get(r, "reference"), get(r, "nhs_number"), get(r, "decision"),
                get(r, "purpose"), get(r, "recipient_agency"), get(r, "recipient_kind"), get(r, "start_date"),
                get(r, "end_date"), get(r, "status"));
    }

    private String get(CSVRecord r, String column) {
        String name = parser.getHeaderNames().stream().filter(h -> h.strip().equalsIgnoreCase(column)).findFirst()
                .orElseThrow();
        return r.isSet(name) ? r.get(name) : null;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
