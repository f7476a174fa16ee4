package org.seamless.edge.vcs;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** RFC 9457 problem documents ({@code application/problem+json}) of the voluntary-sector API. */
final class VcsProblems {
    private VcsProblems() {
    }

    static ResponseEntity<Object> of(VcsApiException e, String instance) {
        VcsProblemType t = e.type();
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(t.status()), e.getMessage());
        p.setType(t.uri());
        p.setTitle(t.title());
        p.setInstance(URI.create(instance));
        if (e.field() != null) {
            p.setProperty("field", e.field());
        }
        if (e.keptAs() != null) {
            p.setProperty("keptAs", e.keptAs());
        }
        return ResponseEntity.status(t.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    /** 401 with no detail: nothing about why the key was refused. */
    static ResponseEntity<Object> unauthenticated() {
        ProblemDetail p = ProblemDetail.forStatus(HttpStatus.UNAUTHORIZED);
        p.setType(VcsProblemType.UNAUTHENTICATED.uri());
        p.setTitle(VcsProblemType.UNAUTHENTICATED.title());
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header("WWW-Authenticate", "ApiKey header=\"X-API-Key\"").body(p);
    }
}
