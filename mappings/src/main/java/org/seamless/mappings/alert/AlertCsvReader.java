package org.seamless.mappings.alert;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the rows of an LA alert extract laid out as its {@link AlertCsvLayout} says: the agency's
 * encoding (malformed bytes are an error, never replaced), an optional UTF-8 BOM, CRLF or LF, a
 * header row holding at least the mapped columns (other columns are ignored). One record at a time,
 * so memory stays flat for any file size.
 */
public final class AlertCsvReader implements Closeable, Iterator<AlertCsvReader.Row> {
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Map<String, Integer> index;
    private long lastLine;

    /** One data row: its first line number in the file, the mapped cells and whether it had every header column. */
    public record Row(long line, boolean complete, Map<String, Integer> index, CSVRecord record) {
        /** The cell of a column ({@code null} when the column is absent or the row is short). */
        public String get(String column) {
            Integer i = index.get(column.toLowerCase(Locale.ROOT));
            return i == null || i >= record.size() ? null : record.get(i);
        }
    }

    private AlertCsvReader(CSVParser parser, Map<String, Integer> index) {
        this.parser = parser;
        this.index = index;
        this.lastLine = parser.getCurrentLineNumber();
        this.records = parser.iterator();
    }

    /** Opens the extract; throws {@link AlertRowException} {@code bad-header} when a mapped column is missing. */
    public static AlertCsvReader open(InputStream in, AlertCsvLayout layout) throws IOException {
        var decoder = layout.encoding().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), 64 * 1024);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset(); // why: no byte order mark, so the first character is data
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).get();
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get();
        Map<String, Integer> index = new HashMap<>();
        List<String> names = parser.getHeaderNames();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && index.putIfAbsent(name, i) != null) {
                throw new AlertRowException("bad-header", "column '" + cut(name) + "' appears twice in the header");
            }
        }
        for (String required : layout.requiredColumns()) {
            if (!index.containsKey(required.toLowerCase(Locale.ROOT))) {
                throw new AlertRowException("bad-header", "missing column '" + cut(required) + "'");
            }
        }
        return new AlertCsvReader(parser, index);
    }

    private static String cut(String s) {
        return s.length() > 40 ? s.substring(0, 40) : s;
    }

    @Override
    public boolean hasNext() {
        return records.hasNext();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long line = lastLine + 1; // why: the iterator reads ahead, so the counter is past the record it returns
        CSVRecord r = records.next();
        lastLine = parser.getCurrentLineNumber();
        return new Row(line, r.isConsistent(), index, r);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
