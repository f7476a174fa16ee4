package org.seamless.adapters.lacsv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seamless.adapters.registry.AdapterConfig;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.BrokerAddresses;
import org.seamless.mappings.alert.AlertMessages;
import org.seamless.mappings.alert.AlertType;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;

/** The SSDA903 layout mapping, the reject-whole-file threshold and the maximum-change guard of alert extracts. */
class AlertCsvImportTest {
    private static final Path SSDA903 = Path.of("..", "..", "shared", "samples", "la-ssda903", "episodes.csv");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T09:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
    private static final String HEADER = "alert_id,nhs_number,alert_type,start_date,end_date,review_date,team_name,"
            + "team_phone,deleted\r\n";

    @TempDir
    Path dir;

    private final AlertImportFixtures.CollectingGate gate = new AlertImportFixtures.CollectingGate();
    private final AlertImportFixtures.MemoryState state = new AlertImportFixtures.MemoryState();

    private static AgencyConfig la(Map<String, String> params) {
        return new AgencyConfig("la-1", "Test Council", AgencyKind.LOCAL_AUTHORITY, "LA001", Optional.empty(),
                new AdapterConfig(LaCsvAdapterType.NAME, params), BrokerAddresses.conventional("la-1"), List.of(),
                Optional.empty());
    }

    private AlertImportResult run(AgencyConfig la, String fileName, String content) throws IOException {
        Path file = dir.resolve(fileName);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Path reports = Files.createDirectories(dir.resolve("reports"));
        return new AlertCsvImport(la, AlertCsvSettings.from(la.adapter()), gate, state, CLOCK).importFile(file, reports);
    }

    @Test
    void ssda903EpisodesWithAnNhsNumberColumnBecomeOneLookedAfterFlagPerEpisode() throws IOException {
        // the demo LA's mapping (agencies.yml), applied to the shared SSDA903 sample plus an NHS_NUMBER column
        AgencyConfig la = la(Map.of(LaCsvAdapterType.ALERT_COLUMNS,
                "alert-id=CHILD+DECOM;nhs-number=NHS_NUMBER;type==looked-after-child;start=DECOM;end=DEC",
                LaCsvAdapterType.ALERT_DATE_FORMAT, "dd/MM/yyyy"));
        List<CSVRecord> episodes;
        try (var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(SSDA903))) {
            episodes = parser.getRecords().subList(0, 200);
        }
        List<String> nhs = AlertImportFixtures.nhsNumbers(200, 903);
        StringBuilder csv = new StringBuilder("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
                + "HOME_POST,PL_POST,URN,NHS_NUMBER\r\n");
        for (int i = 0; i < episodes.size(); i++) {
            CSVRecord e = episodes.get(i);
            List<String> cells = new ArrayList<>(e.toList());
            cells.add(nhs.get(i));
            csv.append(String.join(",", cells)).append("\r\n");
        }

        AlertImportResult r = run(la, "alerts-delta-903.csv", csv.toString());

        assertThat(r.applied()).isTrue();
        assertThat(r.rowsRead()).isEqualTo(200);
        assertThat(r.rejected()).isZero();
        assertThat(gate.admitted).hasSize(200);
        DateTimeFormatter uk = DateTimeFormatter.ofPattern("dd/MM/yyyy");
        for (int i = 0; i < episodes.size(); i++) {
            CSVRecord e = episodes.get(i);
            Bundle m = gate.admitted.get(i);
            SocialCareAlert a = AlertMessages.alert(m, "la-1");
            // CHILD+DECOM joined with '-', the date's '/' made '-' too
            assertThat(a.alertId()).isEqualTo(e.get("CHILD") + "-" + e.get("DECOM").replace('/', '-'));
            assertThat(a.nhsNumber().value()).isEqualTo(nhs.get(i));
            assertThat(a.type()).isEqualTo(AlertType.LOOKED_AFTER_CHILD);
            assertThat(a.start()).isEqualTo(LocalDate.parse(e.get("DECOM"), uk));
            boolean ended = !e.get("DEC").isBlank();
            assertThat(a.end()).isEqualTo(ended ? LocalDate.parse(e.get("DEC"), uk) : null);
            // the sample's episodes with a DEC have all ended before today: ended episodes are alert-end, inactive
            assertThat(MessageBundles.event(m)).contains(ended ? SeamlessEvent.ALERT_END : SeamlessEvent.ALERT_START);
            assertThat(AlertMessages.flag(m).orElseThrow().getStatus())
                    .isEqualTo(ended ? Flag.FlagStatus.INACTIVE : Flag.FlagStatus.ACTIVE);
            assertThat(AlertMessages.flag(m).orElseThrow().getIdentifierFirstRep().getValue())
                    .isEqualTo("la-1/" + a.alertId());
        }
        assertThat(gate.admitted).anySatisfy(m -> assertThat(MessageBundles.event(m)).contains(SeamlessEvent.ALERT_END))
                .anySatisfy(m -> assertThat(MessageBundles.event(m)).contains(SeamlessEvent.ALERT_START));
    }

    @Test
    void ssda903FileWithoutTheNhsNumberColumnIsRejectedWhole() throws IOException {
        AgencyConfig la = la(Map.of(LaCsvAdapterType.ALERT_COLUMNS,
                "alert-id=CHILD+DECOM;nhs-number=NHS_NUMBER;type==looked-after-child;start=DECOM;end=DEC",
                LaCsvAdapterType.ALERT_DATE_FORMAT, "dd/MM/yyyy"));
        String content = String.join("\r\n", Files.readAllLines(SSDA903).subList(0, 5)) + "\r\n";
        AlertImportResult r = run(la, "alerts-delta-nonhs.csv", content);
        assertThat(r.applied()).isFalse();
        assertThat(r.reason()).contains("NHS_NUMBER");
        assertThat(gate.admitted).isEmpty();
    }

    @Test
    void rejectedShareAboveTheThresholdRejectsTheWholeFileAtItAppliesTheValidRows() throws IOException {
        AgencyConfig la = la(Map.of(LaCsvAdapterType.ALERT_REJECT_THRESHOLD, "10"));
        // 11 of 100 rows bad (11 % > 10 %): nothing applied
        AlertImportResult over = run(la, "alerts-delta-over.csv", rows(100, 11, 1));
        assertThat(over.applied()).isFalse();
        assertThat(over.folder()).isEqualTo("failed");
        assertThat(over.rejected()).isEqualTo(11);
        assertThat(over.reason()).contains("11 of 100 rows rejected", "threshold of 10");
        assertThat(gate.admitted).isEmpty();
        assertThat(state.known).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("reports/alerts-delta-over.csv.rejects.csv"))).hasSize(12);

        // exactly 10 of 100 (10 %): applied, the 90 valid rows sent
        AlertImportResult at = run(la, "alerts-delta-at.csv", rows(100, 10, 1));
        assertThat(at.applied()).isTrue();
        assertThat(at.accepted()).isEqualTo(90);
        assertThat(gate.admitted).hasSize(90);
    }

    @Test
    void maximumChangeGuardStopsAFullExtractThatWouldEndTooManyAndRaisesAnOperatorAlert() throws IOException {
        AgencyConfig la = la(Map.of(LaCsvAdapterType.ALERT_MAX_END_PERCENT, "20",
                LaCsvAdapterType.ALERT_MAX_END_FLOOR, "10"));
        assertThat(run(la, "alerts-full-1.csv", rows(100, 0, 1)).started()).isEqualTo(100);
        int sent = gate.admitted.size();

        // a truncated file: 30 of 100 active alerts missing > max(10, 20 % of 100) = 20
        AlertImportResult truncated = run(la, "alerts-full-2.csv", rows(70, 0, 1));
        assertThat(truncated.applied()).isFalse();
        assertThat(truncated.reason()).contains("would end 30 of 100", "(20)");
        assertThat(gate.admitted).hasSize(sent);
        assertThat(state.operatorAlerts).singleElement().asString().startsWith("alert-extract-max-change");
        assertThat(state.countActive("la-1")).isEqualTo(100);

        // 20 missing is within the guard: they are ended (alert-end, Flag inactive)
        AlertImportResult fine = run(la, "alerts-full-3.csv", rows(80, 0, 1));
        assertThat(fine.applied()).isTrue();
        assertThat(fine.ended()).isEqualTo(20);
        List<Bundle> ends = gate.admitted.subList(sent, gate.admitted.size());
        assertThat(ends).hasSize(20).allSatisfy(m -> {
            assertThat(MessageBundles.event(m)).contains(SeamlessEvent.ALERT_END);
            assertThat(AlertMessages.flag(m).orElseThrow().getStatus()).isEqualTo(Flag.FlagStatus.INACTIVE);
        });
        assertThat(state.countActive("la-1")).isEqualTo(80);
        assertThat(state.operatorAlerts).hasSize(1);
    }

    @Test
    void smallLaMayEndUpToTheFloorEvenAboveThePercentage() throws IOException {
        AgencyConfig la = la(Map.of());
        run(la, "alerts-full-1.csv", rows(20, 0, 1));
        // 10 of 20 is 50 %, but within the floor of 10
        AlertImportResult r = run(la, "alerts-full-2.csv", rows(10, 0, 1));
        assertThat(r.applied()).isTrue();
        assertThat(r.ended()).isEqualTo(10);
        // one more would exceed it
        run(la, "alerts-full-3.csv", rows(20, 0, 1));
        assertThat(run(la, "alerts-full-4.csv", rows(9, 0, 1)).applied()).isFalse();
    }

    /** {@code n} rows in the Seamless layout, of which the first {@code bad} have an invalid NHS number. */
    private static String rows(int n, int bad, long seed) {
        List<String> nhs = AlertImportFixtures.nhsNumbers(n, seed);
        StringBuilder b = new StringBuilder(HEADER);
        for (int i = 0; i < n; i++) {
            String number = i < bad ? nhs.get(i).substring(0, 9) + ((nhs.get(i).charAt(9) - '0' + 1) % 10) : nhs.get(i);
            b.append(String.join(",", "A" + i, number, "child-protection-plan", TODAY.minusDays(100).toString(), "",
                    TODAY.plusDays(60).toString(), "Team", "0113 496 0000", "N")).append("\r\n");
        }
        return b.toString();
    }
}
