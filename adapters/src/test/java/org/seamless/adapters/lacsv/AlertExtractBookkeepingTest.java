package org.seamless.adapters.lacsv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
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
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;

/**
 * Full-extract bookkeeping as a council meets it from its first day (issue 22), strict dates and
 * optional columns in the CSV layouts, and summaries that reconcile with the file (issue 26).
 * The state double marks only alerts it already holds, as the table's UPDATE does, and the gate double
 * refuses a reused message id with other content, as the broker gate does.
 */
class AlertExtractBookkeepingTest {
    private static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
    private static final String HEADER = "alert_id,nhs_number,alert_type,start_date,end_date,review_date,team_name,"
            + "team_phone,deleted\r\n";
    private static final List<String> NHS = AlertImportFixtures.nhsNumbers(400, 22);

    @TempDir
    Path dir;

    private final AlertImportFixtures.CollectingGate gate = new AlertImportFixtures.CollectingGate();
    private final AlertImportFixtures.MemoryState state = new AlertImportFixtures.MemoryState();
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private static AgencyConfig la(Map<String, String> params) {
        return new AgencyConfig("la-1", "Test Council", AgencyKind.LOCAL_AUTHORITY, "LA001", Optional.empty(),
                new AdapterConfig(LaCsvAdapterType.NAME, params), BrokerAddresses.conventional("la-1"), List.of(),
                Optional.empty());
    }

    private AlertImportResult run(String fileName, String content) throws IOException {
        return run(la(Map.of()), fileName, content);
    }

    private AlertImportResult run(AgencyConfig la, String fileName, String content) throws IOException {
        Path file = dir.resolve(fileName);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Path reports = Files.createDirectories(dir.resolve("reports"));
        return new AlertCsvImport(la, AlertCsvSettings.from(la.adapter()), gate, state, clock).importFile(file, reports);
    }

    /** A valid Seamless-layout row for alert {@code A<i>}. */
    private static String row(int i) {
        return String.join(",", "A" + i, NHS.get(i), "child-protection-plan", TODAY.minusDays(100).toString(), "",
                TODAY.plusDays(60).toString(), "Team", "0113 496 0000", "N");
    }

    private static String file(int from, int to) {
        return file(from, to, AlertExtractBookkeepingTest::row);
    }

    private static String file(int from, int to, IntFunction<String> row) {
        StringBuilder b = new StringBuilder(HEADER);
        for (int i = from; i < to; i++) {
            b.append(row.apply(i)).append("\r\n");
        }
        return b.toString();
    }

    private List<Bundle> sentSince(int before) {
        return new ArrayList<>(gate.admitted.subList(before, gate.admitted.size()));
    }

    private static String alertId(Bundle m) {
        String v = AlertMessages.flag(m).orElseThrow().getIdentifierFirstRep().getValue();
        return v.substring(v.indexOf('/') + 1);
    }

    private Map<String, String> summary(String fileName) throws IOException {
        try (Reader r = Files.newBufferedReader(dir.resolve("reports/" + fileName + ".summary.csv"))) {
            List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)
                    .getRecords();
            assertThat(records).hasSize(1);
            return new HashMap<>(records.get(0).toMap());
        }
    }

    private List<CSVRecord> rejects(String fileName) throws IOException {
        try (Reader r = Files.newBufferedReader(dir.resolve("reports/" + fileName + ".rejects.csv"))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    // --- issue 22 fault 1: a full extract ends every alert it starts --------------------------------------

    @Test
    void firstFullExtractIntoEmptyStateStartsEveryAlertAndEndsNone() throws IOException {
        AlertImportResult r = run("alerts-full-first.csv", file(0, 100));

        assertThat(r.applied()).isTrue();
        assertThat(r.started()).isEqualTo(100);
        assertThat(r.ended()).isZero();
        assertThat(gate.admitted).hasSize(100).allSatisfy(m -> {
            assertThat(MessageBundles.event(m)).contains(SeamlessEvent.ALERT_START);
            assertThat(AlertMessages.flag(m).orElseThrow().getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
        });
        assertThat(state.countActive("la-1")).isEqualTo(100);
        assertThat(summary("alerts-full-first.csv")).containsEntry("started", "100").containsEntry("ended", "0");
    }

    @Test
    void fullExtractAddingAlertsToExistingStateStartsOnlyTheNewOnes() throws IOException {
        run("alerts-full-1.csv", file(0, 50));
        int before = gate.admitted.size();

        AlertImportResult r = run("alerts-full-2.csv", file(0, 60));

        assertThat(r.applied()).isTrue();
        assertThat(r.started()).isEqualTo(10);
        assertThat(r.unchanged()).isEqualTo(50);
        assertThat(r.ended()).isZero();
        assertThat(sentSince(before)).hasSize(10).allSatisfy(m ->
                assertThat(MessageBundles.event(m)).contains(SeamlessEvent.ALERT_START));
        assertThat(state.countActive("la-1")).isEqualTo(60);
    }

    @Test
    void fullExtractRemovingAlertsEndsExactlyThoseAndStartsTheNewOnes() throws IOException {
        run("alerts-full-1.csv", file(0, 50));
        int before = gate.admitted.size();
        Set<Integer> removed = Set.of(3, 17, 21, 40, 49);

        AlertImportResult r = run("alerts-full-2.csv", file(0, 53, i -> removed.contains(i) ? "" : row(i))
                .replace("\r\n\r\n", "\r\n").replace("\r\n\r\n", "\r\n"));

        assertThat(r.applied()).isTrue();
        assertThat(r.started()).isEqualTo(3);
        assertThat(r.ended()).isEqualTo(5);
        List<Bundle> sent = sentSince(before);
        assertThat(sent.stream().filter(m -> MessageBundles.event(m).orElseThrow() == SeamlessEvent.ALERT_END)
                .map(AlertExtractBookkeepingTest::alertId)).containsExactlyInAnyOrder("A3", "A17", "A21", "A40", "A49");
        assertThat(sent.stream().filter(m -> MessageBundles.event(m).orElseThrow() == SeamlessEvent.ALERT_START)
                .map(AlertExtractBookkeepingTest::alertId)).containsExactlyInAnyOrder("A50", "A51", "A52");
        assertThat(state.countActive("la-1")).isEqualTo(48);
    }

    @Test
    void guardFiresWhenAFullExtractWouldEndMoreThanAllowedEvenWhileItStartsNewAlerts() throws IOException {
        run("alerts-full-1.csv", file(0, 100));
        int before = gate.admitted.size();

        // 30 of the 100 active alerts missing (more than max(10, 20 % of 100)), 30 new ones
        AlertImportResult r = run("alerts-full-2.csv", file(30, 130));

        assertThat(r.applied()).isFalse();
        assertThat(r.reason()).contains("would end 30 of 100", "(20)");
        assertThat(sentSince(before)).isEmpty();
        assertThat(state.operatorAlerts).singleElement().asString().startsWith("alert-extract-max-change");
        assertThat(state.countActive("la-1")).isEqualTo(100);
    }

    // --- issue 22 fault 2: the same content again -----------------------------------------------------------

    @Test
    void sameContentDroppedAgainTheSameDayIsUnchangedAndSendsNothing() throws IOException {
        run("alerts-full-first.csv", file(0, 100));
        int before = gate.admitted.size();

        AlertImportResult again = run("alerts-full-first-again.csv", file(0, 100));
        AlertImportResult sameName = run("alerts-full-first.csv", file(0, 100));

        for (AlertImportResult r : List.of(again, sameName)) {
            assertThat(r.applied()).isTrue();
            assertThat(r.unchanged()).isEqualTo(100);
            assertThat(r.accepted()).isEqualTo(100);
            assertThat(r.rejected()).isZero();
            assertThat(r.started() + r.updated() + r.ended()).isZero();
        }
        assertThat(summary("alerts-full-first-again.csv")).containsEntry("unchanged", "100")
                .containsEntry("rejected", "0").containsEntry("refused_by_gate", "0");
        assertThat(sentSince(before)).isEmpty();
        assertThat(state.countActive("la-1")).isEqualTo(100);
    }

    @Test
    void sameContentDroppedAgainOnALaterDayIsUnchangedAndAChangedRowUpdatesExactlyThatAlert() throws IOException {
        run("alerts-full-first.csv", file(0, 100));
        int before = gate.admitted.size();
        clock = Clock.fixed(NOW.plusSeconds(86_400), ZoneOffset.UTC);

        AlertImportResult later = run("alerts-full-next-day.csv", file(0, 100));
        assertThat(later.unchanged()).isEqualTo(100);
        assertThat(sentSince(before)).isEmpty();

        AlertImportResult changed = run("alerts-full-changed.csv", file(0, 100, i -> i == 42
                ? row(i).replace(TODAY.plusDays(60).toString(), TODAY.plusDays(30).toString()) : row(i)));
        assertThat(changed.updated()).isEqualTo(1);
        assertThat(changed.unchanged()).isEqualTo(99);
        assertThat(changed.started() + changed.ended()).isZero();
        assertThat(sentSince(before)).singleElement().satisfies(m -> {
            assertThat(alertId(m)).isEqualTo("A42");
            assertThat(MessageBundles.event(m)).contains(SeamlessEvent.ALERT_UPDATE);
            assertThat(AlertMessages.flag(m).orElseThrow().getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
        });
    }

    // --- strict dates (issue 22 fault 3, issue 26 item 5) --------------------------------------------------

    @Test
    void impossibleDatesAreRejectedRowsWithTheirLineInEveryDateColumn() throws IOException {
        AgencyConfig la = la(Map.of(LaCsvAdapterType.ALERT_DATE_FORMAT, "dd/MM/yyyy",
                LaCsvAdapterType.ALERT_REJECT_THRESHOLD, "100"));
        String good = "A%d,%s,child-protection-plan,%s,%s,%s,Team,0113 496 0000,N";
        String csv = HEADER
                + good.formatted(0, NHS.get(0), "31/02/2024", "", "") + "\r\n"   // line 2: start
                + good.formatted(1, NHS.get(1), "29/02/2023", "", "") + "\r\n"   // line 3: start, common year
                + good.formatted(2, NHS.get(2), "01/04/2025", "31/04/2025", "") + "\r\n" // line 4: end
                + good.formatted(3, NHS.get(3), "01/04/2025", "", "31/04/2027") + "\r\n" // line 5: review
                + good.formatted(4, NHS.get(4), "29/02/2024", "", "28/02/2027") + "\r\n"; // line 6: a leap day, valid

        AlertImportResult r = run(la, "alerts-delta-dates.csv", csv);

        assertThat(rejects("alerts-delta-dates.csv")).extracting(x -> x.get("line") + ":" + x.get("code"))
                .containsExactly("2:invalid-date", "3:invalid-date", "4:invalid-date", "5:invalid-date");
        assertThat(r.rejected()).isEqualTo(4);
        assertThat(gate.admitted).singleElement().satisfies(m ->
                assertThat(AlertMessages.alert(m, "la-1").start()).isEqualTo(LocalDate.of(2024, 2, 29)));
    }

    @Test
    void impossibleDatesAreRejectedInTheDefaultIsoLayoutToo() throws IOException {
        AgencyConfig la = la(Map.of(LaCsvAdapterType.ALERT_REJECT_THRESHOLD, "100"));
        String csv = HEADER + String.join(",", "A0", NHS.get(0), "carer", "2023-02-29", "", "", "", "", "N") + "\r\n"
                + String.join(",", "A1", NHS.get(1), "carer", "2025-04-01", "2025-04-31", "", "", "", "N") + "\r\n"
                + String.join(",", "A2", NHS.get(2), "carer", "2025-04-01", "", "", "", "", "N") + "\r\n";

        AlertImportResult r = run(la, "alerts-delta-iso.csv", csv);

        assertThat(rejects("alerts-delta-iso.csv")).extracting(x -> x.get("line") + ":" + x.get("code"))
                .containsExactly("2:invalid-date", "3:invalid-date");
        assertThat(r.accepted()).isEqualTo(1);
    }

    // --- optional and required columns (issue 26 item 4) ---------------------------------------------------

    @Test
    void anEmptyOptionalColumnMeansAbsentAndAnEmptyRequiredColumnIsARejectedRow() throws IOException {
        AgencyConfig la = la(Map.of(LaCsvAdapterType.ALERT_REJECT_THRESHOLD, "100"));
        String csv = HEADER
                + String.join(",", "A0", NHS.get(0), "child-protection-plan", "2026-01-05", "", "", "Team", "", "N") + "\r\n"
                + String.join(",", "A1", NHS.get(1), "child-protection-plan", "2026-01-05", "", "", "", " ", "") + "\r\n"
                + String.join(",", "A2", NHS.get(2), "child-protection-plan", "", "", "", "Team", "", "N") + "\r\n"
                + String.join(",", "A3", "", "child-protection-plan", "2026-01-05", "", "", "Team", "", "N") + "\r\n";

        AlertImportResult r = run(la, "alerts-delta-optional.csv", csv);

        assertThat(rejects("alerts-delta-optional.csv")).extracting(x -> x.get("line") + ":" + x.get("code"))
                .containsExactly("4:missing-value", "5:missing-value");
        assertThat(r.accepted()).isEqualTo(2);
        assertThat(gate.admitted).hasSize(2);
        SocialCareAlert a0 = AlertMessages.alert(gate.admitted.get(0), "la-1");
        assertThat(a0.teamName()).isEqualTo("Team");
        assertThat(a0.teamPhone()).isNull();
        SocialCareAlert a1 = AlertMessages.alert(gate.admitted.get(1), "la-1");
        assertThat(a1.teamName()).isNull();
        assertThat(a1.teamPhone()).isNull();
    }

    @Test
    void aLayoutMayMakeAnOptionalFieldRequired() throws IOException {
        AgencyConfig la = la(Map.of(LaCsvAdapterType.ALERT_REQUIRED_FIELDS, "review,team-phone",
                LaCsvAdapterType.ALERT_REJECT_THRESHOLD, "100"));
        String csv = HEADER
                + String.join(",", "A0", NHS.get(0), "child-protection-plan", "2026-01-05", "", "2026-04-05", "Team",
                "0113 496 0000", "N") + "\r\n"
                + String.join(",", "A1", NHS.get(1), "child-protection-plan", "2026-01-05", "", "", "Team",
                "0113 496 0000", "N") + "\r\n"
                + String.join(",", "A2", NHS.get(2), "child-protection-plan", "2026-01-05", "", "2026-04-05", "Team",
                "", "N") + "\r\n";

        run(la, "alerts-delta-required.csv", csv);

        assertThat(rejects("alerts-delta-required.csv")).extracting(x -> x.get("line") + ":" + x.get("code"))
                .containsExactly("3:missing-value", "4:missing-value");
        assertThat(gate.admitted).hasSize(1);
    }

    // --- the child protection demo layout (issue 22 item 4) ------------------------------------------------

    @Test
    void childProtectionPlanLayoutOfTheDemoCouncilMakesOneFlagPerPlan() throws IOException {
        // the demo-la-cp parameters of the shipped agencies.yml
        AgencyConfig la = la(Map.of(LaCsvAdapterType.ALERT_COLUMNS, "alert-id=PLAN_ID;nhs-number=NHS_NUMBER;type=CATEGORY;"
                        + "start=PLAN_START;review=PLAN_REVIEW;end=PLAN_END;team-name=TEAM;team-phone=TEAM_PHONE",
                LaCsvAdapterType.ALERT_TYPE_VALUES, "CPP=child-protection-plan;UCPP=unborn-child-protection-plan",
                LaCsvAdapterType.ALERT_REQUIRED_FIELDS, "review", LaCsvAdapterType.ALERT_DATE_FORMAT, "dd/MM/yyyy"));
        String sample;
        try (var in = getClass().getResourceAsStream("/alerts/cp-plans.csv")) {
            sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        AlertImportResult r = run(la, "alerts-full-cp.csv", sample);

        assertThat(rejects("alerts-full-cp.csv")).extracting(x -> x.get("line") + ":" + x.get("code"))
                .containsExactly("6:invalid-date", "7:missing-value");
        // 2 of 22 rows rejected (9.1 %, within the default threshold of 10 %): the file is applied
        assertThat(r.applied()).isTrue();
        assertThat(r.started()).isEqualTo(19);
        assertThat(r.ended()).isEqualTo(1); // its plan end date has passed
        Map<String, SocialCareAlert> byId = new HashMap<>();
        gate.admitted.forEach(m -> byId.put(alertId(m), AlertMessages.alert(m, "la-1")));
        assertThat(byId).hasSize(20).containsKeys("CPP-2026-0101", "CPP-2026-0102", "CPP-2025-0877", "UCPP-2026-0007")
                .doesNotContainKeys("CPP-2026-0110", "CPP-2026-0111");
        SocialCareAlert plan = byId.get("CPP-2026-0101");
        assertThat(plan.type().code()).isEqualTo("child-protection-plan");
        assertThat(plan.start()).isEqualTo(LocalDate.of(2026, 1, 5));
        assertThat(plan.review()).isEqualTo(LocalDate.of(2026, 4, 5));
        assertThat(plan.teamPhone()).isEqualTo("0113 496 0000");
        assertThat(byId.get("CPP-2026-0102").teamPhone()).isNull(); // empty optional column: no phone
        assertThat(byId.get("UCPP-2026-0007").type().code()).isEqualTo("unborn-child-protection-plan");
        assertThat(byId.get("CPP-2025-0877").end()).isEqualTo(LocalDate.of(2026, 3, 3));
    }

    // --- summary counts that reconcile (issue 22 item 6, issue 26 item 6) ----------------------------------

    @Test
    void summaryCountsReconcileAndTheRejectsFileListsEachLineThatWasNotAppliedOnce() throws IOException {
        // 50 rows: 5 bad (lines of rows 10..14), 3 valid ones refused by the gate (rows 20..22)
        String csv = file(0, 50, i -> i >= 10 && i < 15 ? row(i).replace("child-protection-plan", "pet-owner") : row(i));
        gate.refuseAlertIds.addAll(List.of("A20", "A21", "A22"));

        AlertImportResult r = run(la(Map.of(LaCsvAdapterType.ALERT_REJECT_THRESHOLD, "20")), "alerts-full-counts.csv", csv);

        Map<String, String> s = summary("alerts-full-counts.csv");
        assertThat(s).containsEntry("rows_read", "50").containsEntry("accepted", "42").containsEntry("rejected", "5")
                .containsEntry("refused_by_gate", "3").containsEntry("started", "42").containsEntry("outcome", "applied");
        assertThat(Long.parseLong(s.get("rows_read"))).isEqualTo(Long.parseLong(s.get("accepted"))
                + Long.parseLong(s.get("rejected")) + Long.parseLong(s.get("refused_by_gate")));
        assertThat(r.rowsRead()).isEqualTo(r.accepted() + r.rejected() + 3);
        List<CSVRecord> rejects = rejects("alerts-full-counts.csv");
        TreeSet<Long> lines = new TreeSet<>();
        rejects.forEach(x -> lines.add(Long.parseLong(x.get("line"))));
        assertThat(rejects).hasSize(8);
        assertThat(lines).containsExactly(12L, 13L, 14L, 15L, 16L, 22L, 23L, 24L);
        assertThat(rejects).filteredOn(x -> x.get("code").equals("refused-for-test")).hasSize(3)
                .allSatisfy(x -> assertThat(x.get("reason")).contains("refused by the inbound gate", "kept as q-"));
        assertThat(state.countActive("la-1")).isEqualTo(42);
    }
}
