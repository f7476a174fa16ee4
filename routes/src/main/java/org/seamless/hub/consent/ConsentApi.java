package org.seamless.hub.consent;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.adapters.spi.RejectedInputStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The consents REST API: {@code POST /api/v1/consents} (a FHIR R4 Consent or the simple JSON form) and
 * {@code POST /api/v1/consents/{reference}/withdrawal}. The agency comes from the API key; answers are
 * 202 with the consent-update message id, or an RFC 9457 problem document; refused input is kept.
 */
@RestController
@RequestMapping("/api/v1/consents")
@EnableConfigurationProperties(ConsentApiProperties.class)
public class ConsentApi {
    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

    private final AgencyAuthenticator authenticator;
    private final ConsentSubmissions submissions;
    private final ConsentWithdrawals withdrawals;
    private final RejectedInputStore rejected;
    private final ConsentApiProperties props;

    public ConsentApi(AgencyAuthenticator authenticator, ConsentSubmissions submissions, ConsentWithdrawals withdrawals,
                      RejectedInputStore rejected, ConsentApiProperties props) {
        this.authenticator = authenticator;
        this.submissions = submissions;
        this.withdrawals = withdrawals;
        this.rejected = rejected;
        this.props = props;
    }

    @PostMapping
    public ResponseEntity<?> create(HttpServletRequest req) throws IOException {
        Optional<AgencyConfig> source = org.seamless.app.security.web.Callers.agency();
        if (source.isEmpty()) {
            return ConsentProblems.unauthenticated();
        }
        String contentType = req.getContentType();
        byte[] body = req.getInputStream().readNBytes((int) Math.min(props.maxBodyBytes() + 1, Integer.MAX_VALUE - 16));
        try {
            if (body.length > props.maxBodyBytes()) {
                byte[] prefix = Arrays.copyOf(body, (int) Math.min(body.length, 64 * 1024));
                throw keep(source.get(), new ConsentApiException(ConsentProblemType.PAYLOAD_TOO_LARGE, "too-large",
                        "the body exceeds the limit of " + props.maxBodyBytes() + " bytes"), contentType, prefix);
            }
            Boolean fhir = fhirOrForm(contentType);
            if (fhir == null) {
                throw keep(source.get(), new ConsentApiException(ConsentProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "unsupported-media-type", "content type must be application/fhir+json or application/json"),
                        contentType, body);
            }
            try {
                return accepted(submissions.submit(source.get(), body, fhir, contentType));
            } catch (ConsentApiException e) {
                throw keep(source.get(), e, contentType, body);
            }
        } catch (ConsentApiException e) {
            return ConsentProblems.of(e, req.getRequestURI());
        }
    }

    @PostMapping("/{reference}/withdrawal")
    public ResponseEntity<?> withdraw(HttpServletRequest req, @PathVariable("reference") String reference,
                                      @RequestParam(name = "system", required = false) String system) {
        Optional<AgencyConfig> source = org.seamless.app.security.web.Callers.agency();
        if (source.isEmpty()) {
            return ConsentProblems.unauthenticated();
        }
        try {
            try {
                return accepted(withdrawals.withdraw(source.get(), reference, system));
            } catch (ConsentApiException e) {
                throw keep(source.get(), e, "text/plain", ("withdrawal of " + (system == null ? "" : system + "|")
                        + reference).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (ConsentApiException e) {
            return ConsentProblems.of(e, req.getRequestURI());
        }
    }

    /** Keeps the refused input (unless the gate already kept it) and returns the exception with the reference. */
    private ConsentApiException keep(AgencyConfig source, ConsentApiException e, String contentType, byte[] payload) {
        if (e.keptAs() != null) {
            return e;
        }
        String ref = rejected.keep(new RejectedInputStore.Rejection(source.id(), ConsentSubmissions.EDGE, e.code(),
                e.getMessage(), null, contentType, payload));
        return new ConsentApiException(e.type(), e.code(), e.getMessage(), ref);
    }

    private static Boolean fhirOrForm(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return FHIR_JSON.equalsTypeAndSubtype(type) ? Boolean.TRUE
                    : MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type) ? Boolean.FALSE : null;
        } catch (org.springframework.util.InvalidMimeTypeException e) {
            return null;
        }
    }

    private static ResponseEntity<?> accepted(ConsentSubmissions.Accepted a) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("messageId", a.messageId(), "reference", a.reference(), "duplicate", a.duplicate(),
                        "receiptId", a.messageId())); // why: GET /api/v1/consents/receipts/{receiptId} says what became of it
    }
}
