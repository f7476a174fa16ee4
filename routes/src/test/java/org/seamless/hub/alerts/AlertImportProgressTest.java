package org.seamless.hub.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seamless.adapters.lacsv.AlertCsvImport;
import org.seamless.adapters.lacsv.AlertCsvSettings;
import org.seamless.adapters.lacsv.AlertImportResult;
import org.seamless.adapters.lacsv.LaCsvAdapterType;
import org.seamless.adapters.registry.AdapterConfig;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.registry.BrokerAddresses;
import org.seamless.adapters.spi.ImportProgress;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.MessageIssue;
import org.seamless.ops.metrics.ScrapeText;
import org.seamless.ops.metrics.SeamlessMetrics;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A CSV alert import reports its progress (ADR 0066): the per-agency gauges hold the finished import's
 * rows, rejects and time left after a small import through the real import and state, and the log has one
 * line per pass of the documented shape, with counts and the file name only.
 */
class AlertImportProgressTest {
    private static final String LA = "la-progress";
    private static final String LINE = "import progress: agency [a-z0-9-]+ file alerts-delta-[a-z0-9-]+\\.csv"
            + " pass [12]/2 \\((validate|send)\\): \\d+ rows( of \\d+ \\(\\d+%\\))?, \\d+ rows/s, \\d+ rejected so far,"
            + " (done|about \\d+ s left|time left not known yet)";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger progressLog = (Logger) LoggerFactory.getLogger(ImportProgress.class);

    @BeforeEach
    void captureLog() {
        logs.start();
        progressLog.addAppender(logs);
        progressLog.setLevel(Level.INFO);
    }

    @AfterEach
    void releaseLog() {
        progressLog.detachAppender(logs);
        progressLog.setLevel(null);
    }

    @Test
    void aSmallImportLeavesItsCountsInTheGaugesAndOneLinePerPass(@TempDir Path dir) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:progress-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        AgencyConfig la = new AgencyConfig(LA, "Progress Council", AgencyKind.LOCAL_AUTHORITY, "PRG1", Optional.empty(),
                new AdapterConfig(LaCsvAdapterType.NAME, Map.of()), BrokerAddresses.conventional(LA), List.of());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SeamlessMetrics metrics = new SeamlessMetrics(registry, new AgencyRegistry(List.of(la)));
        var state = new JdbcAlertExtractState(jdbc, new TransactionTemplate(new DataSourceTransactionManager(ds)),
                new OperatorAlerts(jdbc, Clock.systemUTC()), metrics, org.seamless.testsupport.TestAtRest.cipher());
        List<ImportProgress.Snapshot> seen = new ArrayList<>();
        var recording = new JdbcAlertExtractState(jdbc, new TransactionTemplate(new DataSourceTransactionManager(ds)),
                new OperatorAlerts(jdbc, Clock.systemUTC()), metrics, org.seamless.testsupport.TestAtRest.cipher()) {
            @Override
            public void importProgress(String agencyId, ImportProgress.Snapshot progress) {
                seen.add(progress);
                state.importProgress(agencyId, progress);
            }
        };
        Path file = dir.resolve("alerts-delta-progress-1.csv");
        List<String> nhs = new ArrayList<>();
        int rows = 4_403;
        write(file, rows, nhs);
        // why: a clock that moves 1 ms per reading, so the rates and estimates are known without timing anything
        AtomicLong nanos = new AtomicLong();
        AlertImportResult r = new AlertCsvImport(la, AlertCsvSettings.DEFAULT, new AcceptAll(), recording,
                Clock.systemUTC(), () -> nanos.addAndGet(1_000_000)).importFile(file, dir);

        assertThat(r.applied()).isTrue();
        assertThat(r.rejected()).isEqualTo(11);
        ScrapeText scrape = new ScrapeText(registry.scrape());
        Map<String, String> agency = Map.of("agency", LA);
        assertThat(scrape.value("seamless_alert_extract_progress_pass", agency)).isZero(); // nothing runs now
        assertThat(scrape.value("seamless_alert_extract_progress_rows", agency)).isEqualTo(rows);
        assertThat(scrape.value("seamless_alert_extract_progress_expected_rows", agency)).isEqualTo(rows);
        assertThat(scrape.value("seamless_alert_extract_progress_rejected_rows", agency)).isEqualTo(11);
        assertThat(scrape.value("seamless_alert_extract_progress_remaining_seconds", agency)).isZero();
        assertThat(scrape.value("seamless_alert_extract_progress_rate_rows_per_second", agency)).isPositive();

        // during the import: the first pass knows no row count and estimates from the bytes; the second knows it
        ImportProgress.Snapshot firstChunk = seen.get(0);
        assertThat(firstChunk.pass()).isEqualTo("validate");
        assertThat(firstChunk.running()).isTrue();
        assertThat(firstChunk.rows()).isEqualTo(2_005); // 2,000 valid rows make a chunk; 5 rejects among them
        assertThat(firstChunk.totalRows()).isEqualTo(-1);
        assertThat(firstChunk.secondsLeft()).isNotNegative();
        ImportProgress.Snapshot sending = seen.stream().filter(s -> s.pass().equals("send") && s.running()
                && s.rows() < rows).findFirst().orElseThrow();
        assertThat(sending.totalRows()).isEqualTo(rows);
        assertThat(sending.secondsLeft()).isEqualTo(Math.round((rows - sending.rows()) / sending.rowsPerSecond()));
        assertThat(seen.get(seen.size() - 1).running()).isFalse();

        List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).hasSize(2).allMatch(l -> l.matches(LINE), "matches " + LINE);
        assertThat(lines.get(0)).contains("pass 1/2 (validate): " + rows + " rows of " + rows + " (100%)",
                "11 rejected so far", "done");
        assertThat(lines.get(1)).contains("pass 2/2 (send): " + rows + " rows of " + rows, "11 rejected so far", "done");
        assertThat(logs.list).allMatch(e -> e.getLevel() == Level.INFO);
        assertThat(String.join("\n", lines)).doesNotContain(nhs.toArray(String[]::new));
    }

    @Test
    void aLongImportLogsEveryHundredThousandRowsOrTenSecondsNotEveryChunk() {
        AtomicLong nanos = new AtomicLong();
        List<ImportProgress.Snapshot> seen = new ArrayList<>();
        ImportProgress p = new ImportProgress(LA, "alerts-delta-long.csv", 2, nanos::get, seen::add);
        p.startPass("validate", -1, 1_000_000);
        for (long rows = 500; rows <= 250_000; rows += 500) {
            nanos.addAndGet(1_000_000); // 1 ms per chunk: 500,000 rows/s
            p.rows(rows, 0, rows * 4);
        }
        assertThat(logs.list).hasSize(2); // at 100,000 and 200,000 rows
        assertThat(seen).hasSize(500);
        assertThat(seen.get(seen.size() - 1).rowsPerSecond()).isEqualTo(500_000.0);
        assertThat(seen.get(seen.size() - 1).secondsLeft()).isZero(); // 1,000,000 of 1,000,000 bytes read
        p.endPass(250_000, 0);
        p.startPass("send", 250_000, -1);
        for (long rows = 500; rows <= 20_000; rows += 500) {
            nanos.addAndGet(1_000_000_000L); // a slow send: 500 rows/s, so time decides
            p.rows(rows, 1, -1);
        }
        // the pass end, then one line per 10 s: 40 chunks of 1 s each
        assertThat(logs.list).hasSize(3 + 4);
        String last = logs.list.get(logs.list.size() - 1).getFormattedMessage();
        assertThat(last).matches(LINE).contains("pass 2/2 (send): 20000 rows of 250000 (8%), 500 rows/s,"
                + " 1 rejected so far, about 460 s left");
    }

    private static void write(Path file, int rows, List<String> nhs) throws Exception {
        StringBuilder csv = new StringBuilder("alert_id,nhs_number,alert_type,start_date,end_date,review_date,"
                + "team_name,team_phone,deleted\r\n");
        LocalDate today = LocalDate.now();
        java.util.Random random = new java.util.Random(66);
        for (int i = 0; i < rows; i++) {
            String number;
            while (true) {
                String nine = "999" + String.format("%06d", random.nextInt(1_000_000));
                Integer check = NhsNumber.checkDigitFor(nine);
                if (check != null) {
                    number = nine + (i % 400 == 399 ? (check + 1) % 10 : check); // 11 rejects
                    break;
                }
            }
            nhs.add(number);
            csv.append(String.join(",", "P" + i, number, "carer", today.minusDays(5).toString(), "",
                    today.plusDays(60).toString(), "Adults Team", "0113 496 0000", "N")).append("\r\n");
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }

    /** Accepts every message after encoding it as the broker gate does. */
    private static final class AcceptAll implements InboundGate {
        @Override
        public Admission admit(Submission s) {
            assertThat(s.json()).isNotBlank();
            return new Accepted(MessageBundles.messageId(s.message()).orElseThrow(), false);
        }

        @Override
        public List<MessageIssue> check(Submission s) {
            return List.of();
        }
    }
}
