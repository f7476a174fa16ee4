package org.seamless.mappings.vcs;

import org.seamless.mappings.canonical.FieldProblemException;

/**
 * A voluntary-sector JSON submission that cannot be accepted. The message names the field (a JSON
 * pointer-like path, e.g. {@code person.nhsNumber}, or null for the body as a whole) and what is
 * wrong with it, never the value sent. Codes: malformed-json, unknown-field, wrong-type,
 * missing-field, invalid-value, invalid-nhs-number.
 */
public class VcsInputException extends FieldProblemException {

    public VcsInputException(String code, String field, String message) {
        super(code, field, message);
    }
}
