package org.seamless.ops;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Problem documents ({@code application/problem+json}: type, title, status, detail) of the operator and
 * IG APIs, the form the agency API answers in. A detail never repeats a personal value.
 */
public final class OperatorProblems {
    private OperatorProblems() {
    }

    public static ResponseEntity<Object> of(OperatorProblemType type, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(type.status()), detail);
        p.setType(type.uri());
        p.setTitle(type.title());
        return ResponseEntity.status(type.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    /** 401 for a missing or wrong key, saying which key the API takes. */
    public static ResponseEntity<Object> unauthenticated(String whichKey) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "ApiKey header=\"X-API-Key\"")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(of(OperatorProblemType.UNAUTHENTICATED, "a valid " + whichKey + " API key is required").getBody());
    }
}
