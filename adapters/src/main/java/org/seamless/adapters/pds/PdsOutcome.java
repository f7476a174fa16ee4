package org.seamless.adapters.pds;

import org.seamless.mappings.canonical.NhsNumber;

/**
 * What PDS said about one record: the small closed set a tracer acts on. Only {@link Matched} and
 * {@link Superseded} carry a number to use; every other outcome holds the record (never a guess).
 */
public sealed interface PdsOutcome {
    /** A search found exactly one patient with score 1.0, or a read found the number current. */
    record Matched(NhsNumber nhsNumber) implements PdsOutcome {
    }

    /** A read of a number PDS has superseded: PDS answered with the record under {@code replacement}. */
    record Superseded(NhsNumber replacement) implements PdsOutcome {
    }

    /** A search found no patient (or none scoring 1.0 in an exact-match search). */
    record NoMatch() implements PdsOutcome {
    }

    /** A search found more than one patient ({@code TOO_MANY_MATCHES}, or several entries). */
    record MultipleMatches() implements PdsOutcome {
    }

    /** A read found no current record: {@code code} is PDS's (RESOURCE_NOT_FOUND, INVALIDATED_RESOURCE, INVALID_RESOURCE_ID). */
    record NotFound(String code) implements PdsOutcome {
    }
}
