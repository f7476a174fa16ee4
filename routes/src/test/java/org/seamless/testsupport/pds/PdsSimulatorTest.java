package org.seamless.testsupport.pds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.pds.Demographics;
import org.seamless.adapters.pds.PdsClient;
import org.seamless.adapters.pds.PdsOutcome;
import org.seamless.adapters.pds.PdsSettings;
import org.seamless.adapters.pds.PdsUnavailableException;
import org.seamless.mappings.canonical.NhsNumber;

/** The simulator answers as the published PDS FHIR API does, and the client reads those answers. */
class PdsSimulatorTest {
    static final String A = "9990000018";
    static final String B = "9990000026";
    static final String C = "9990000034";
    static final String OLD = "9990000042";
    static final LocalDate DOB = LocalDate.of(1980, 2, 29);

    private final PdsSimulator pds = PdsSimulator.start()
            .add(A, "Smith", "Jane Anne", "female", DOB, "LS1 6AE")
            .add(B, "Jones", "Ann", "female", DOB, "LS2 7AB")
            .add(C, "Jones", "Anna", "female", DOB, "LS2 7AB");

    @AfterEach
    void stop() {
        pds.close();
    }

    private PdsClient client() {
        return new PdsClient(new PdsSettings(URI.create(pds.baseUrl()), null, 1000, 10, Duration.ofSeconds(60), 3));
    }

    @Test
    void aUniqueExactMatchIsTheNumber() {
        PdsOutcome o = client().search(new Demographics("SMITH", "jane", DOB, "female", "ls16ae"));
        assertThat(o).isInstanceOfSatisfying(PdsOutcome.Matched.class, m -> assertThat(m.nhsNumber().value()).isEqualTo(A));
    }

    @Test
    void severalMatchesAreTooManyMatchesNeverAGuess() {
        PdsOutcome o = client().search(new Demographics("Jones", null, DOB, "female", "LS2 7AB"));
        assertThat(o).isInstanceOf(PdsOutcome.MultipleMatches.class);
    }

    @Test
    void noMatchAndAWildcardOnlyMatchAreNoMatchUnderExactMatch() {
        assertThat(client().search(new Demographics("Smith", "Jane", DOB.plusDays(1), null, null)))
                .isInstanceOf(PdsOutcome.NoMatch.class);
        assertThat(client().search(new Demographics("Smith", "Ja*", DOB, null, null)))
                .isInstanceOf(PdsOutcome.NoMatch.class); // score 0.9, excluded by _exact-match
    }

    @Test
    void aReadOfASupersededNumberAnswersTheSuccessor() {
        pds.add(OLD, "Smith", "Jane", "female", DOB, "LS1 6AE").supersede(OLD, A);
        assertThat(client().read(NhsNumber.parse(OLD))).isInstanceOfSatisfying(PdsOutcome.Superseded.class,
                s -> assertThat(s.replacement().value()).isEqualTo(A));
        assertThat(client().read(NhsNumber.parse(A))).isInstanceOf(PdsOutcome.Matched.class);
    }

    @Test
    void aReadCarriesTheDateOfDeathAndTheHomePostcodeForIdentityEvents() {
        assertThat(client().readPatient(NhsNumber.parse(A))).hasValueSatisfying(p -> {
            assertThat(p.superseded()).isFalse();
            assertThat(p.dateOfDeath()).isEmpty();
            assertThat(p.homePostcode()).contains("LS1 6AE");
        });
        pds.died(A, LocalDate.of(2026, 12, 5)).moved(A, "LS6 1AA");
        assertThat(client().readPatient(NhsNumber.parse(A))).hasValueSatisfying(p -> {
            assertThat(p.dateOfDeath()).contains(LocalDate.of(2026, 12, 5));
            assertThat(p.homePostcode()).contains("LS6 1AA");
        });
        pds.add(OLD, "Smith", "Jane", "female", DOB, "LS1 6AE").supersede(OLD, A);
        assertThat(client().readPatient(NhsNumber.parse(OLD))).hasValueSatisfying(p -> {
            assertThat(p.superseded()).isTrue();
            assertThat(p.nhsNumber().value()).isEqualTo(A);
        });
        assertThat(client().readPatient(NhsNumber.parse("9990000050"))).isEmpty();
    }

    @Test
    void unknownAndInvalidatedNumbersAreNotFoundWithPdsCode() {
        assertThat(client().read(NhsNumber.parse("9990000050"))).isEqualTo(new PdsOutcome.NotFound("RESOURCE_NOT_FOUND"));
        pds.invalidate(B);
        assertThat(client().read(NhsNumber.parse(B))).isEqualTo(new PdsOutcome.NotFound("INVALIDATED_RESOURCE"));
    }

    @Test
    void aRateLimitAnswerIsWaitedOutWithTheSameRequestId() {
        pds.refuseNext(2, 0);
        assertThat(client().search(new Demographics("Smith", "Jane", DOB, null, null)))
                .isInstanceOf(PdsOutcome.Matched.class);
        assertThat(pds.rateLimited()).isEqualTo(2);
        assertThat(pds.mostRepeatedRequestId()).isEqualTo(3);
    }

    @Test
    void rateLimitingBeyondTheRetriesIsUnavailable() {
        pds.refuseNext(4, 0);
        assertThatThrownBy(() -> client().read(NhsNumber.parse(A))).isInstanceOfSatisfying(PdsUnavailableException.class,
                e -> assertThat(e.status()).isEqualTo(429));
    }

    @Test
    void aTokenIsRequiredWhenSetAndAWrongOneIsAccessDenied() {
        pds.requireToken("t0ken");
        assertThatThrownBy(() -> client().read(NhsNumber.parse(A))).isInstanceOfSatisfying(PdsUnavailableException.class,
                e -> assertThat(e.getMessage()).contains("401").contains("ACCESS_DENIED"));
        PdsClient withToken = new PdsClient(new PdsSettings(URI.create(pds.baseUrl()), "t0ken", 1000, 10,
                Duration.ofSeconds(60), 0));
        assertThat(withToken.read(NhsNumber.parse(A))).isInstanceOf(PdsOutcome.Matched.class);
    }

    @Test
    void requestsAreCheckedAsTheSpecificationSays() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String rid = "60E0B220-8136-4CA5-AE46-1D97EF59D068";
        assertThat(get(http, "/Patient/" + A, null)).startsWith("400").contains("MISSING_VALUE");
        assertThat(get(http, "/Patient/9990000019", rid)).startsWith("400").contains("INVALID_RESOURCE_ID");
        assertThat(get(http, "/Patient?family=Smith", rid)).startsWith("400").contains("INVALID_SEARCH_DATA");
        assertThat(get(http, "/Patient?family=Smith&birthdate=eq1980-02-30", rid)).startsWith("400").contains("INVALID_VALUE");
        assertThat(get(http, "/Patient?family=Smith&birthdate=eq1980-02-29&colour=red", rid)).startsWith("400")
                .contains("ADDITIONAL_PROPERTIES");
        assertThat(get(http, "/Patient?family=Smith&birthdate=eq1980-02-29&_max-results=5", rid)).startsWith("403");
        assertThat(get(http, "/Patient?family=Smith&birthdate=ge1980-02-01&birthdate=le1980-03-01", rid))
                .startsWith("200").contains("\"searchset\"").contains("\"score\":1.0").contains(A)
                .contains("Extension-UKCore-NHSNumberVerificationStatus");
        assertThat(get(http, "/Patient?family=Jones&birthdate=eq1980-02-29", rid)).startsWith("200")
                .contains("TOO_MANY_MATCHES").contains("multiple-matches");
        assertThat(get(http, "/Patient?family=Nobody&birthdate=eq1980-02-29", rid)).startsWith("200")
                .contains("\"total\":0");
    }

    private String get(HttpClient http, String path, String requestId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(pds.baseUrl() + path));
        if (requestId != null) {
            b.header("X-Request-ID", requestId);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }
}
