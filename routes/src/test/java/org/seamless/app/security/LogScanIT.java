package org.seamless.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.NoticeDetails;
import org.seamless.mappings.message.NoticeMessages;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.testsupport.ChildSeamless;
import org.seamless.testsupport.TestEnvironment;

/**
 * Runs Seamless with every logger at DEBUG, sends notices down the CSV and SOAP paths, a notice
 * with a bad NHS number, a referral that is withheld and an unauthenticated call, then scans the
 * whole log for the subjects' NHS numbers, names, addresses, postcodes, phone numbers and birth
 * dates. Any hit fails the test.
 */
class LogScanIT {
    private static final String REFERRAL_ID = "6b1e0c52-0d1f-4b51-9a51-3a4f8e0d2c11";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void debugLogsHoldNoPersonalData() throws Exception {
        Random random = new Random(20261121);
        NoticeDetails csvSubject = subject(TestNhsNumbers.random(random), "Zephyrine", "Quillfeather",
                "17 Marrowbone Yard", "LS2 7QX", "0113 496 0777", LocalDate.of(1937, 2, 14));
        NoticeDetails soapSubject = subject(TestNhsNumbers.random(random), "Balthazar", "Wintergreen",
                "4 Tanpit Close", "LS6 9ZQ", "07700 900462", LocalDate.of(1941, 11, 3));
        String badNumber = TestNhsNumbers.badCheckDigit(random);

        try (TestEnvironment env = TestEnvironment.create();
             ChildSeamless child = new ChildSeamless(env, Path.of("target", "seamless.jar"),
                     List.of("--logging.level.root=DEBUG"))) {
            child.start();
            String key = env.apiKey(TestEnvironment.TRUST);
            assertThat(post(child, key, NoticeMessages.buildJson(csvSubject))).isEqualTo(200);
            assertThat(post(child, key, NoticeMessages.buildJson(soapSubject))).isEqualTo(200);
            // the same person referred to the charity without consent: withheld and recorded
            assertThat(post(child, key, NoticeMessages.buildJson(csvSubject.withEvent(REFERRAL_ID,
                    SeamlessEvent.DISCHARGE_NOTICE)).replace("\"discharge-notice\"", "\"referral\""))).isEqualTo(200);
            String badJson = NoticeMessages.buildJson(soapSubject.withEvent("8f0e3c4d-2a1b-4c5d-9e8f-7a6b5c4d3e2f",
                    SeamlessEvent.ADMISSION_NOTICE)).replace(soapSubject.nhsNumber().value(), badNumber);
            assertThat(post(child, key, badJson)).isEqualTo(400);
            assertThat(post(child, "wrong-key", NoticeMessages.buildJson(csvSubject))).isEqualTo(401);

            await().atMost(Duration.ofSeconds(90)).until(() -> deliveries(env, csvSubject.messageId()) > 0
                    && deliveries(env, soapSubject.messageId()) > 0
                    && disclosures(env, REFERRAL_ID) > 0);

            String log = Files.readString(child.logFile());
            assertThat(log.lines().count()).as("DEBUG logging was on").isGreaterThan(1000);
            List<String> leaks = new ArrayList<>();
            for (NoticeDetails s : List.of(csvSubject, soapSubject)) {
                for (String value : identifiersOf(s)) {
                    if (log.contains(value)) {
                        leaks.add(value.length() > 3 ? value.substring(0, 3) + "…" : value);
                    }
                }
            }
            if (log.contains(badNumber)) {
                leaks.add("the rejected NHS number");
            }
            assertThat(leaks).as("personal values found in %s", child.logFile()).isEmpty();
        }
    }

    private static List<String> identifiersOf(NoticeDetails s) {
        NhsNumber n = s.nhsNumber();
        return List.of(n.value(), n.formatted(), s.givenName(), s.familyName(), s.addressLines().get(0),
                s.postcode(), s.postcode().replace(" ", ""), s.phone(), s.phone().replace(" ", ""),
                s.birthDate().toString());
    }

    private static NoticeDetails subject(NhsNumber nhs, String given, String family, String line, String postcode,
                                         String phone, LocalDate born) {
        String id = java.util.UUID.nameUUIDFromBytes((family + nhs.value()).getBytes()).toString();
        OffsetDateTime admitted = OffsetDateTime.of(2026, 11, 20, 10, 15, 0, 0, ZoneOffset.UTC);
        return new NoticeDetails(id, SeamlessEvent.DISCHARGE_NOTICE, admitted.toInstant().plusSeconds(7200), nhs,
                given, family, born, AdministrativeGender.FEMALE, List.of(line), "Leeds", postcode, phone,
                "SPELL-771204", admitted, LocalDate.of(2026, 11, 27), "DEMO1", "Ward 12", "Discharge Coordinator",
                "0113 496 0100");
    }

    private int post(ChildSeamless child, String key, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + child.port() + "/fhir/$process-message"))
                        .header("Content-Type", "application/fhir+json").header("X-API-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int deliveries(TestEnvironment env, String messageId) throws Exception {
        return count(env, "SELECT COUNT(*) FROM delivery WHERE message_id = ?", messageId);
    }

    private static int disclosures(TestEnvironment env, String messageId) throws Exception {
        return count(env, "SELECT COUNT(*) FROM disclosure WHERE message_id = ?", messageId);
    }

    private static int count(TestEnvironment env, String sql, String messageId) throws Exception {
        try (Connection c = env.database().connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
