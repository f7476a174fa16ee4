package org.seamless.hub.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.io.BufferedWriter;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.junit.jupiter.api.Test;
import org.seamless.app.demo.fhir.DemoTrustFhirConfiguration;
import org.seamless.app.demo.fhir.DemoTrustFlags;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Acceptance, as a council's IT team meets the flow on its first day (issue 22): a FULL extract of
 * 1,000 valid alerts and 30 bad rows of ten distinct kinds, dropped into an inbox with no earlier
 * state, becomes exactly 1,000 active Flags at version 1 on the demo trust's HAPI server (listed by
 * the server's own paged search, as a trust would) that a clinician's pull finds; the rejects file
 * lists exactly the bad lines with their codes and the summary reconciles. The same file again the
 * same day is "unchanged" (no write, no version); a next full extract with one changed and one removed
 * alert updates exactly that Flag and ends exactly that one.
 */
class AlertExtractToFlagsIT extends SeamlessTestBase {
    private static final int VALID = 1_000;
    private static final Duration LONG = Duration.ofMinutes(10);
    private static final String HEADER = "alert_id,nhs_number,alert_type,start_date,end_date,review_date,team_name,"
            + "team_phone,deleted";

    @Autowired
    DemoTrustFlags trustFlags;

    @Test
    void firstDayFullExtractStartsEveryValidAlertAndTheSameFileAgainChangesNothing() throws Exception {
        Path inbox = ENV.dataDir().resolve("agencies/" + TestEnvironment.LA_CSV + "/inbox");
        Path processed = inbox.resolve("processed");
        Files.createDirectories(inbox);
        LocalDate today = LocalDate.now();
        Random random = new Random(22);
        Set<String> used = new HashSet<>();

        // 1,000 valid rows (every 50th without a team phone: optional, absent), then 3 bad rows of each kind
        Map<String, String> valid = new LinkedHashMap<>(); // alert id -> row
        for (int i = 1; i <= VALID; i++) {
            String type = i % 3 == 0 ? "looked-after-child" : "child-protection-plan";
            valid.put("CP" + i, String.join(",", "CP" + i, uniqueNhs(random, used), type,
                    today.minusDays(10 + i % 300).toString(), "", today.plusDays(90).toString(),
                    "Children's Services North", i % 50 == 0 ? "" : "0113 496 0000", "N"));
        }
        List<String[]> badKinds = List.of( // {code, row with %s for alert id and NHS number}
                new String[] {"invalid-nhs-number", "%s,%s,child-protection-plan,2026-01-05,,,,,N"},
                new String[] {"invalid-date", "%s,%s,child-protection-plan,2023-02-29,,,,,N"},
                new String[] {"invalid-date", "%s,%s,child-protection-plan,2025-04-01,2025-04-31,,,,N"},
                new String[] {"unknown-alert-type", "%s,%s,pet-owner,2026-01-05,,,,,N"},
                new String[] {"missing-value", "%s,%s,child-protection-plan,,,,,,N"},
                new String[] {"end-before-start", "%s,%s,child-protection-plan,2026-01-05,2025-12-31,,,,N"},
                new String[] {"invalid-phone", "%s,%s,child-protection-plan,2026-01-05,,,,call the office,N"},
                new String[] {"invalid-flag", "%s,%s,child-protection-plan,2026-01-05,,,,,maybe"},
                new String[] {"too-long", "%s,%s,child-protection-plan,2026-01-05,,,"
                        + "T".repeat(121) + ",,N"},
                new String[] {"wrong-column-count", "%s,%s,child-protection-plan,2026-01-05,,,,N"});
        Map<Long, String> badLines = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>(valid.values());
        for (int k = 0; k < badKinds.size(); k++) {
            for (int j = 0; j < 3; j++) {
                String nhs = uniqueNhs(random, used);
                if (k == 0) {
                    nhs = nhs.substring(0, 9) + ((nhs.charAt(9) - '0' + 1) % 10);
                }
                // spread the bad rows through the file
                int at = 37 + (k * 3 + j) * 33;
                lines.add(at, badKinds.get(k)[1].formatted("BAD" + k + "-" + j, nhs));
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("BAD")) {
                int kind = Integer.parseInt(lines.get(i).substring(3, lines.get(i).indexOf('-')));
                badLines.put(i + 2L, badKinds.get(kind)[0]);
            }
        }
        assertThat(badLines).hasSize(30);
        String first = "alerts-full-first-day.csv";
        drop(inbox, first, lines);

        // summary and rejects: every row counted once, the rejects file lists exactly the bad lines
        await().atMost(LONG).until(() -> Files.exists(processed.resolve(first + ".summary.csv")));
        assertThat(summary(processed, first)).containsEntry("mode", "full").containsEntry("rows_read", "1030")
                .containsEntry("accepted", "1000").containsEntry("rejected", "30").containsEntry("refused_by_gate", "0")
                .containsEntry("started", "1000").containsEntry("ended", "0").containsEntry("outcome", "applied");
        Map<Long, String> rejected = new LinkedHashMap<>();
        rejects(processed, first).forEach(r -> rejected.put(Long.parseLong(r.get("line")), r.get("code")));
        assertThat(rejected).isEqualTo(badLines);

        // the trust's server, listed as a trust would: 1,000 active Flags, each at version 1
        IGenericClient trust = trustClient();
        await().atMost(LONG).pollInterval(Duration.ofSeconds(2)).until(() -> trustFlags.all().size() >= VALID);
        List<Flag> active = search(trust, "Flag?status=active&_count=200");
        assertThat(active).hasSize(VALID);
        assertThat(active).allSatisfy(f -> assertThat(f.getMeta().getVersionId()).isEqualTo("1"));
        assertThat(businessIds(active)).isEqualTo(prefixed(valid.keySet()));
        assertThat(search(trust, "Flag?status=inactive")).isEmpty();
        String cp1Nhs = valid.get("CP1").split(",")[1];
        assertThat(search(trust, "Flag?patient.identifier=https://fhir.nhs.uk/Id/nhs-number|" + cp1Nhs))
                .singleElement().satisfies(f -> assertThat(f.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE));

        // a clinician's pull finds the child's flag
        HttpResponse<String> pulled = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/fhir/Flag/_search")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-API-Key", ENV.apiKey(TestEnvironment.TRUST))
                .POST(HttpRequest.BodyPublishers.ofString("patient.identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C"
                        + cp1Nhs)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pulled.statusCode()).isEqualTo(200);
        Bundle pull = FhirContexts.r4().newJsonParser().parseResource(Bundle.class, pulled.body());
        assertThat(pull.getEntry()).hasSize(1);

        // the same file again, the same day: unchanged, nothing written on the trust's server
        long writes = trustFlags.writes();
        long versions = trustFlags.versionsCreated();
        String again = "alerts-full-first-day-again.csv";
        drop(inbox, again, lines);
        await().atMost(LONG).until(() -> Files.exists(processed.resolve(again + ".summary.csv")));
        assertThat(summary(processed, again)).containsEntry("unchanged", "1000").containsEntry("accepted", "1000").containsEntry("rejected", "30")
                .containsEntry("refused_by_gate", "0").containsEntry("started", "0").containsEntry("updated", "0")
                .containsEntry("ended", "0");
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30))
                .until(() -> trustFlags.writes() == writes && trustFlags.versionsCreated() == versions);

        // the next full extract: CP7 gets a planned end date (the review date would not do: trusts never see it), CP8 gone
        List<String> next = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("CP7,")) {
                String[] f = l.split(",", -1);
                f[4] = today.plusDays(60).toString();
                next.add(String.join(",", f));
            } else if (!l.startsWith("CP8,")) {
                next.add(l);
            }
        }
        String second = "alerts-full-next.csv";
        drop(inbox, second, next);
        await().atMost(LONG).until(() -> Files.exists(processed.resolve(second + ".summary.csv")));
        assertThat(summary(processed, second)).containsEntry("rows_read", "1029").containsEntry("accepted", "999")
                .containsEntry("updated", "1").containsEntry("ended", "1").containsEntry("unchanged", "998")
                .containsEntry("started", "0");
        await().atMost(Duration.ofSeconds(60)).until(() -> trustFlags.writes() == writes + 2);
        Flag cp7 = trustFlags.findByIdentifier(SocialCareAlert.IDENTIFIER_SYSTEM, TestEnvironment.LA_CSV + "/CP7")
                .orElseThrow();
        assertThat(cp7.getMeta().getVersionId()).isEqualTo("2");
        assertThat(cp7.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
        assertThat(cp7.getPeriod().getEndElement().getValueAsString()).isEqualTo(today.plusDays(60).toString());
        Flag cp8 = trustFlags.findByIdentifier(SocialCareAlert.IDENTIFIER_SYSTEM, TestEnvironment.LA_CSV + "/CP8")
                .orElseThrow();
        assertThat(cp8.getStatus()).isEqualTo(Flag.FlagStatus.INACTIVE);
        assertThat(search(trust, "Flag?status=active&_count=200")).hasSize(VALID - 1);
    }

    private static void drop(Path inbox, String name, List<String> rows) throws Exception {
        Path staging = ENV.dataDir().resolve(name + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(staging, StandardCharsets.UTF_8)) {
            w.write("\uFEFF" + HEADER + "\r\n");
            for (String r : rows) {
                w.write(r + "\r\n");
            }
        }
        Files.move(staging, inbox.resolve(name));
    }

    private IGenericClient trustClient() {
        // why: no CapabilityStatement fetch before the first call (it timed out on a loaded machine); a trust's
        // client would not depend on it either
        FhirContexts.r4().getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        FhirContexts.r4().getRestfulClientFactory().setSocketTimeout(120_000);
        IGenericClient c = FhirContexts.r4().newRestfulGenericClient("http://localhost:" + port
                + DemoTrustFhirConfiguration.PATH);
        c.registerInterceptor(new BearerTokenAuthInterceptor(ENV.trustAuthToken()));
        return c;
    }

    private static List<Flag> search(IGenericClient client, String url) {
        Bundle page = client.search().byUrl(url).returnBundle(Bundle.class).execute();
        List<Flag> out = new ArrayList<>();
        while (true) {
            page.getEntry().forEach(e -> out.add((Flag) e.getResource()));
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                return out;
            }
            page = client.loadPage().next(page).execute();
        }
    }

    private static Set<String> businessIds(List<Flag> flags) {
        Set<String> out = new HashSet<>();
        flags.forEach(f -> f.getIdentifier().stream().filter(i -> SocialCareAlert.IDENTIFIER_SYSTEM.equals(i.getSystem()))
                .forEach(i -> out.add(i.getValue())));
        return out;
    }

    private static Set<String> prefixed(Set<String> ids) {
        Set<String> out = new HashSet<>();
        ids.forEach(id -> out.add(TestEnvironment.LA_CSV + "/" + id));
        return out;
    }

    private static Map<String, String> summary(Path dir, String name) throws Exception {
        try (Reader r = Files.newBufferedReader(dir.resolve(name + ".summary.csv"))) {
            List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)
                    .getRecords();
            return rows.isEmpty() ? Map.of() : new HashMap<>(rows.get(0).toMap());
        }
    }

    private static List<CSVRecord> rejects(Path dir, String name) throws Exception {
        try (Reader r = Files.newBufferedReader(dir.resolve(name + ".rejects.csv"))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    private static String uniqueNhs(Random random, Set<String> used) {
        while (true) {
            String nine = "999" + String.format("%06d", random.nextInt(1_000_000));
            Integer check = NhsNumber.checkDigitFor(nine);
            if (check != null && used.add(nine + check)) {
                return nine + check;
            }
        }
    }
}
