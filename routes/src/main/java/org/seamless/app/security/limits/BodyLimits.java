package org.seamless.app.security.limits;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The largest request body each endpoint family takes, by path prefix (longest prefix wins), the
 * form its refusals take, and who must be authenticated before any of the body is read.
 *
 * @param families the endpoint families; a path under none of them gets {@code fallback}
 */
record BodyLimits(List<Family> families, Family fallback) {

    /** How an edge answers: a FHIR OperationOutcome, a SOAP fault, or problem+json. */
    enum Form { FHIR, SOAP, PROBLEM }

    /**
     * Who a family requires before its body is read. {@code SELF}: the edge authenticates first and
     * reads at most its own limit (answering and keeping an excerpt itself), so the filter refuses
     * only a declared length over the family's ceiling. {@code NONE}: nobody (the token endpoint,
     * demo systems). Otherwise an ITK local authority, the IG key or the operator key.
     */
    enum Gate { SELF, NONE, LA_SOAP, IG_KEY, OPS_KEY }

    /**
     * @param name     the family as logs and kept excerpts name it (for SOAP edges, the edge's quarantine name)
     * @param prefix   path prefix within the application
     * @param maxBytes largest body accepted
     */
    record Family(String name, String prefix, long maxBytes, Form form, Gate gate) {
        boolean matches(String path) {
            return path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
        }
    }

    BodyLimits {
        families = families.stream().sorted(Comparator.comparingInt((Family f) -> f.prefix().length()).reversed())
                .toList();
    }

    Family of(String path) {
        Optional<Family> f = families.stream().filter(x -> x.matches(path)).findFirst();
        return f.orElse(fallback);
    }
}
