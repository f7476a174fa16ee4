package org.seamless.edge;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.seamless.adapters.spi.InboundGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The JSON APIs' answer when the broker cannot store a submission now ({@link InboundGate.Unavailable}): 503
 * with {@code Retry-After} and the problem type {@code unavailable}, so an agency's client sends the same
 * request again rather than treating it as refused; nothing was accepted or kept (docs/flows/voluntary-sector.md).
 * The FHIR and ITK edges answer the same condition in their own forms, and the voluntary-sector API, a
 * servlet edge of the vcs-webhook type, writes this same document itself.
 */
@RestControllerAdvice(basePackages = "org.seamless.hub.consent")
public class UnavailableAnswers {
    /** The problem type of an answer "try again later". */
    public static final URI TYPE = URI.create("https://seamless.dev/problems/unavailable");
    private static final Logger log = LoggerFactory.getLogger(UnavailableAnswers.class);

    @ExceptionHandler(InboundGate.Unavailable.class)
    public ResponseEntity<ProblemDetail> unavailable(InboundGate.Unavailable e, HttpServletRequest req) {
        log.warn("{} {} not accepted: {}", req.getMethod(), req.getRequestURI(), e.getMessage());
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Seamless could not store the request just now; nothing was accepted. Send the same request again "
                        + "after " + e.retryAfterSeconds() + " seconds");
        p.setType(TYPE);
        p.setTitle("Seamless cannot accept this now; send it again later");
        p.setInstance(URI.create(req.getRequestURI()));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header("Retry-After", Long.toString(e.retryAfterSeconds())).body(p);
    }
}
