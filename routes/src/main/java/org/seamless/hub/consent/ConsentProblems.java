package org.seamless.hub.consent;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** RFC 9457 problem documents of the consents API ({@code application/problem+json}). */
final class ConsentProblems {
    private ConsentProblems() {
    }

    static ResponseEntity<ProblemDetail> of(ConsentApiException e, String instance) {
        ConsentProblemType t = e.type();
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(t.status()), e.getMessage());
        p.setType(t.uri());
        p.setTitle(t.title());
        p.setInstance(URI.create(instance));
        p.setProperty("code", e.code());
        if (e.keptAs() != null) {
            p.setProperty("keptAs", e.keptAs());
        }
        return ResponseEntity.status(t.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    /** 401 with no detail: nothing about why the key was refused. */
    static ResponseEntity<ProblemDetail> unauthenticated() {
        ProblemDetail p = ProblemDetail.forStatus(HttpStatus.UNAUTHORIZED);
        p.setType(ConsentProblemType.UNAUTHENTICATED.uri());
        p.setTitle(ConsentProblemType.UNAUTHENTICATED.title());
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header("WWW-Authenticate", "ApiKey header=\"X-API-Key\"").body(p);
    }
}
