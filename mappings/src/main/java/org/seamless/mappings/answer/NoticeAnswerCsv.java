package org.seamless.mappings.answer;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams an LA's {@code responses-*.csv} file (UTF-8, optional BOM, RFC 4180, a header row with
 * the {@link #COLUMNS} in any order): one {@link Row} per data row, each either an answer or the
 * reason it cannot be one. A wrong header fails the whole file ({@link NoticeAnswerException}
 * {@code bad-header}).
 */
public final class NoticeAnswerCsv implements Closeable, Iterator<NoticeAnswerCsv.Row> {
    /** The columns, in the documented order. */
    public static final List<String> COLUMNS = List.of("message_id", "outcome", "reason");

    /** One data row: {@code answer} when it reads, else {@code problem}; {@code text} is the row as CSV. */
    public record Row(long line, NoticeAnswer answer, NoticeAnswerException problem, String text) {
        public boolean ok() {
            return answer != null;
        }

        @Override
        public String toString() {
            return "Row[line=" + line + ", " + (ok() ? answer : problem.code()) + "]";
        }
    }

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private long lastLine;

    private NoticeAnswerCsv(CSVParser parser) {
        this.parser = parser;
        this.lastLine = parser.getCurrentLineNumber();
        this.records = parser.iterator();
    }

    public static NoticeAnswerCsv open(InputStream in) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder));
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).get();
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get();
        checkHeader(parser.getHeaderNames());
        return new NoticeAnswerCsv(parser);
    }

    private static void checkHeader(List<String> header) {
        Set<String> names = new LinkedHashSet<>();
        for (String h : header) {
            String name = h.strip().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                throw new NoticeAnswerException("bad-header", "header", "unknown column '"
                        + (name.length() > 40 ? name.substring(0, 40) : name) + "' (columns: " + COLUMNS + ")");
            }
            names.add(name);
        }
        for (String column : List.of("message_id", "outcome")) {
            if (!names.contains(column)) {
                throw new NoticeAnswerException("bad-header", "header", "missing column '" + column + "'");
            }
        }
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
        long line = lastLine + 1;
        CSVRecord r = records.next();
        lastLine = parser.getCurrentLineNumber();
        String text = text(r);
        if (!r.isConsistent()) {
            return new Row(line, null, new NoticeAnswerException("wrong-column-count", "row",
                    "the row has " + r.size() + " fields; the header has " + parser.getHeaderNames().size()), text);
        }
        try {
            return new Row(line, NoticeAnswer.of(get(r, "message_id"), get(r, "outcome"), get(r, "reason")), null, text);
        } catch (NoticeAnswerException e) {
            return new Row(line, null, e, text);
        }
    }

    private String get(CSVRecord r, String column) {
        return parser.getHeaderNames().stream().filter(h -> h.strip().equalsIgnoreCase(column)).findFirst()
                .filter(r::isSet).map(r::get).orElse(null);
    }

    private static String text(CSVRecord r) {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            p.printRecord(r.values());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
