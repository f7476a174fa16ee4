package org.seamless.app.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;

class PersonRequestsTest {
    private static final String NHS = TestNhsNumbers.distinct(4201, 1).get(0).value();

    @Test
    void aJsonObjectWithAValidNhsNumberIsParsed() throws Exception {
        PersonRequests.Read read = PersonRequests.read(body("{\"nhsNumber\":\"" + NHS + "\",\"limit\":3}"), 4096);
        assertThat(read).isInstanceOfSatisfying(PersonRequests.Parsed.class, p -> {
            assertThat(p.nhsNumber().value()).isEqualTo(NHS);
            assertThat(p.body().path("limit").asInt()).isEqualTo(3);
        });
    }

    @Test
    void eachWrongBodyIsRefusedWithItsOwnCodeAndNeverEchoesTheNumber() throws Exception {
        String wrongCheckDigit = NHS.substring(0, 9) + ((NHS.charAt(9) - '0' + 1) % 10);
        assertRefused(PersonRequests.read(body("{\"nhsNumber\":\"" + NHS + "\"," + "\"pad\":\"" + "x".repeat(100)
                + "\"}"), 64), HttpStatus.PAYLOAD_TOO_LARGE, "too-large");
        assertRefused(PersonRequests.read(body("{not json"), 4096), HttpStatus.BAD_REQUEST, "invalid-json");
        assertRefused(PersonRequests.read(body("[\"" + NHS + "\"]"), 4096), HttpStatus.BAD_REQUEST,
                "missing-nhs-number");
        assertRefused(PersonRequests.read(body("{\"nhsNumber\":" + NHS + "}"), 4096), HttpStatus.BAD_REQUEST,
                "missing-nhs-number");
        PersonRequests.Read invalid = PersonRequests.read(body("{\"nhsNumber\":\"" + wrongCheckDigit + "\"}"), 4096);
        assertRefused(invalid, HttpStatus.BAD_REQUEST, "invalid-nhs-number");
        assertThat(((PersonRequests.Refused) invalid).detail()).doesNotContain(wrongCheckDigit);
    }

    @Test
    void anUnauthenticatedCallIsAskedForTheAgencysKey() {
        var answer = PersonRequests.agencyKeyRequired();
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer.getHeaders().getFirst("WWW-Authenticate")).isEqualTo("ApiKey header=\"X-API-Key\"");
    }

    private static void assertRefused(PersonRequests.Read read, HttpStatus status, String code) {
        assertThat(read).isInstanceOfSatisfying(PersonRequests.Refused.class, r -> {
            assertThat(r.status()).isEqualTo(status);
            assertThat(r.code()).isEqualTo(code);
        });
    }

    private static MockHttpServletRequest body(String json) {
        MockHttpServletRequest req = new MockHttpServletRequest("POST", "/api/v1/alerts/accesses");
        req.setContent(json.getBytes(StandardCharsets.UTF_8));
        return req;
    }
}
