package org.seamless.app.security.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;
import org.seamless.mappings.canonical.NhsNumber;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The JSON body of an agency's API call about one person: the NHS number travels in the body, out of URLs and
 * access logs, and is never repeated back in a refusal. Read with a size limit; the answer is the parsed body
 * and the number, or the refusal (status, code, detail) the calling API words as its own problem.
 */
public final class PersonRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PersonRequests() {
    }

    /** What {@link #read} found: a body about one person, or why it is refused. */
    public sealed interface Read permits Parsed, Refused {
    }

    /** A JSON object with a valid {@code nhsNumber}. */
    public record Parsed(JsonNode body, NhsNumber nhsNumber) implements Read {
    }

    /** The body is refused; {@code detail} never holds the caller's values. */
    public record Refused(HttpStatus status, String code, String detail) implements Read {
    }

    /** Reads at most {@code maxBody} bytes of the request as a JSON object with a string {@code nhsNumber}. */
    public static Read read(HttpServletRequest req, int maxBody) throws IOException {
        byte[] body = req.getInputStream().readNBytes(maxBody + 1);
        if (body.length > maxBody) {
            return new Refused(HttpStatus.PAYLOAD_TOO_LARGE, "too-large", "the body exceeds " + maxBody + " bytes");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            return new Refused(HttpStatus.BAD_REQUEST, "invalid-json", "the body is not JSON");
        }
        if (node == null || !node.isObject() || !node.path("nhsNumber").isTextual()) {
            return new Refused(HttpStatus.BAD_REQUEST, "missing-nhs-number", "nhsNumber (a string) is required");
        }
        Optional<NhsNumber> nhs = NhsNumber.tryParse(node.get("nhsNumber").asText());
        if (nhs.isEmpty()) { // why: the value is never repeated back
            return new Refused(HttpStatus.BAD_REQUEST, "invalid-nhs-number",
                    "nhsNumber is not a valid NHS number (10 digits, Modulus 11 check)");
        }
        return new Parsed(node, nhs.get());
    }

    /** 401 for an API only agencies may call, asking for the agency's API key. */
    public static ResponseEntity<ProblemDetail> agencyKeyRequired() {
        ProblemDetail p = ProblemDetail.forStatus(HttpStatus.UNAUTHORIZED);
        p.setTitle("Authentication required");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header("WWW-Authenticate", "ApiKey header=\"X-API-Key\"").body(p);
    }
}
