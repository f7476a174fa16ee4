package org.seamless.mappings.canonical;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A message id is unique per sending agency only (ADR 0002), so everything downstream of the
 * inbound edge keys a message by its source as well: the broker's duplicate-detection ids, the
 * CSV sink's idempotency keys and file names, ITK tracking ids and webhook event ids. This is the
 * one place that forms that key: {@code <source agency id>_<message id>}. An agency id
 * ({@code [a-z0-9-]}) and a FHIR id ({@code [A-Za-z0-9.-]}) never hold {@code _}, so the key is
 * unambiguous, safe in a file name, and holds nothing but two identifiers (the gate refuses
 * message ids that hold personal data, ADR 0029). See ADR 0036.
 */
public final class ScopedMessageIds {
    public static final char SEPARATOR = '_';
    private static final Pattern AGENCY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9.\\-]{1,64}");

    private ScopedMessageIds() {
    }

    /** The source-scoped key of a message; refuses values that are not an agency id and a FHIR id. */
    public static String of(String sourceAgency, String messageId) {
        Objects.requireNonNull(sourceAgency, "sourceAgency");
        Objects.requireNonNull(messageId, "messageId");
        if (!AGENCY.matcher(sourceAgency).matches()) {
            throw new IllegalArgumentException("the source agency is not an agency id");
        }
        if (!FHIR_ID.matcher(messageId).matches()) {
            throw new IllegalArgumentException("the message id is not a FHIR id ([A-Za-z0-9.-], at most 64)");
        }
        return sourceAgency + SEPARATOR + messageId;
    }
}
