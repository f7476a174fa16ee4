package org.seamless.hub.d2aclock;

import java.io.IOException;
import java.io.Writer;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The national discharge delay measure as a by-product of the events (ADR 0063): for the stays
 * discharged in a week (Monday to Sunday, by discharge date), per trust, council and pathway, how many
 * were discharged, how many had a Discharge Ready Date, how many left on it, and the days from the
 * Discharge Ready Date to discharge (total, mean, longest). Aggregates only: no stay appears on its own.
 */
public final class DelayMeasure {
    /** The weekly CSV's header row. */
    public static final String HEADER = "week_start,trust,council,pathway,discharges,with_ready_date,"
            + "discharged_on_ready_date,total_delay_days,mean_delay_days,max_delay_days";

    private DelayMeasure() {
    }

    /** One cell of the measure. */
    public record Row(LocalDate weekStart, String trust, String council, String pathway, long discharges,
                      long withReadyDate, long dischargedOnReadyDate, long totalDelayDays, long maxDelayDays) {
        /** Mean days from ready date to discharge over the discharges with a ready date; 0 when none. */
        public double meanDelayDays() {
            return withReadyDate == 0 ? 0 : (double) totalDelayDays / withReadyDate;
        }

        String csv() {
            return weekStart + "," + trust + "," + council + "," + pathway + "," + discharges + "," + withReadyDate + ","
                    + dischargedOnReadyDate + "," + totalDelayDays + ","
                    + String.format(java.util.Locale.ROOT, "%.2f", meanDelayDays()) + "," + maxDelayDays;
        }
    }

    /** The Monday that starts the week of the date. */
    public static LocalDate weekStart(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The rows for the week starting {@code monday}, sorted by trust, council, pathway. */
    public static List<Row> week(Collection<StayRecord> stays, LocalDate monday) {
        LocalDate end = monday.plusDays(7);
        Map<String, long[]> cells = new TreeMap<>();
        Map<String, String[]> keys = new TreeMap<>();
        for (StayRecord s : stays) {
            if (s.dischargedOn().isEmpty() || s.dischargedOn().get().isBefore(monday) || !s.dischargedOn().get().isBefore(end)) {
                continue;
            }
            String[] key = {s.trust(), s.council().orElse("none"), s.pathway()};
            String k = String.join("\u0000", key);
            keys.putIfAbsent(k, key);
            long[] c = cells.computeIfAbsent(k, x -> new long[5]);
            c[0]++;
            if (s.delayDays().isPresent()) {
                long d = s.delayDays().get();
                c[1]++;
                c[2] += d == 0 ? 1 : 0;
                c[3] += d;
                c[4] = Math.max(c[4], d);
            }
        }
        List<Row> rows = new ArrayList<>();
        cells.forEach((k, c) -> {
            String[] key = keys.get(k);
            rows.add(new Row(monday, key[0], key[1], key[2], c[0], c[1], c[2], c[3], c[4]));
        });
        rows.sort(Comparator.comparing(Row::trust).thenComparing(Row::council).thenComparing(Row::pathway));
        return rows;
    }

    /** Writes the header and the rows (RFC 4180, LF line ends; ids and codes only, so nothing needs quoting). */
    public static void writeCsv(List<Row> rows, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (Row r : rows) {
            out.write(r.csv());
            out.write('\n');
        }
        out.flush();
    }
}
