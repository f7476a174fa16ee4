package org.seamless.hub.consent;

import java.net.URI;

/** The RFC 9457 problem types of the consents API; each is documented at its type URI's slug in docs/privacy.md. */
public enum ConsentProblemType {
    UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
    MALFORMED_JSON(400, "malformed-json", "The body is not well-formed JSON"),
    UNKNOWN_FIELD(400, "unknown-field", "The body has a field this API does not know"),
    INVALID_FIELD(400, "invalid-field", "A field is missing or not in the expected form"),
    INVALID_NHS_NUMBER(422, "invalid-nhs-number", "The NHS number is not valid"),
    UNKNOWN_PURPOSE(422, "unknown-purpose", "The purpose is not one Seamless knows"),
    UNKNOWN_RECIPIENT(422, "unknown-recipient", "The recipient is not a registered agency or agency kind"),
    INVALID_CONSENT(422, "invalid-consent", "The consent cannot be recorded as sent"),
    UNKNOWN_REFERENCE(404, "unknown-consent-reference", "No consent of yours is recorded under this reference"),
    UNKNOWN_RECEIPT(404, "unknown-consent-receipt", "No consent submission of yours has this receipt id"),
    NOT_AUTHORISED(403, "consent-not-authorised", "Your agency may not record this consent or objection"),
    CONFLICT(409, "conflict", "The request conflicts with what is already recorded"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The body exceeds the size limit"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Send application/fhir+json or application/json");

    /** Base of the problem type URIs. */
    public static final String BASE = "https://seamless.dev/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ConsentProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    /** The problem type of an input code from the form/CSV checks or the hub's Consent mapper. */
    public static ConsentProblemType ofCode(String code) {
        return switch (code) {
            case "malformed-json" -> MALFORMED_JSON;
            case "unknown-field" -> UNKNOWN_FIELD;
            case "invalid-nhs-number" -> INVALID_NHS_NUMBER;
            case "recorder-not-authorised", "consent-for-itself" -> NOT_AUTHORISED;
            case "unknown-purpose" -> UNKNOWN_PURPOSE;
            case "unknown-agency", "unknown-agency-kind", "unidentified-recipient", "unresolved-actor" -> UNKNOWN_RECIPIENT;
            case "not-a-consent", "invalid-value", "missing-field", "invalid-reference", "unknown-decision",
                 "invalid-date", "invalid-recipient" -> INVALID_FIELD;
            default -> INVALID_CONSENT;
        };
    }
}
