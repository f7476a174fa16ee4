package org.seamless.hub.d2aclock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Writes the delay measure of the last finished week (Monday to Sunday, England) to
 * {@code d2a-delay-<monday>.csv} in the report directory, once: a week whose file exists is not written
 * again. The file appears whole (written beside it, then moved).
 */
public class WeeklyDelayReport {
    private final StayClockStore store;
    private final Clock clock;
    private final Path dir;

    public WeeklyDelayReport(StayClockStore store, Clock clock, Path dir) {
        this.store = store;
        this.clock = clock;
        this.dir = dir;
    }

    /** The file written for the last finished week, or empty when it already existed. */
    public Optional<Path> run() {
        LocalDate today = clock.instant().atZone(StayClock.LONDON).toLocalDate();
        LocalDate monday = DelayMeasure.weekStart(today).minusWeeks(1);
        return write(monday);
    }

    /** Writes the week starting {@code monday} unless its file exists. */
    public Optional<Path> write(LocalDate monday) {
        Path file = dir.resolve("d2a-delay-" + monday + ".csv");
        if (Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(dir);
            Path part = dir.resolve("d2a-delay-" + monday + ".csv.part");
            try (Writer out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                DelayMeasure.writeCsv(DelayMeasure.week(store.dischargedBetween(monday, monday.plusDays(7)), monday), out);
            }
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the weekly delay report " + file.getFileName(), e);
        }
    }
}
