package org.seamless.adapters.vcswebhook.api;

import java.net.URI;

/** The RFC 9457 problem types of the voluntary-sector API; documented in docs/flows/voluntary-sector.md. */
public enum VcsProblemType {
    UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
    FORBIDDEN(403, "forbidden", "This API key may not do this"),
    MALFORMED_JSON(400, "malformed-json", "The body is not well-formed JSON"),
    UNKNOWN_FIELD(400, "unknown-field", "The body has a field this API does not know"),
    WRONG_TYPE(400, "wrong-type", "A field has the wrong JSON type"),
    MISSING_FIELD(400, "missing-field", "A required field is missing"),
    INVALID_VALUE(422, "invalid-value", "A field's value is not one this API accepts"),
    INVALID_NHS_NUMBER(422, "invalid-nhs-number", "The NHS number is not valid"),
    BIRTH_DATE_IN_FUTURE(422, "birth-date-in-future", "The birth date is in the future"),
    DEATH_BEFORE_BIRTH(422, "death-before-birth", "The date of death is before the birth date"),
    DISCHARGE_BEFORE_ADMISSION(422, "discharge-before-admission", "The discharge is before the admission"),
    AGE_OVER_125(422, "age-over-125", "The birth date makes the person older than 125 years"),
    REVIEW_BEFORE_START(422, "review-before-start", "The review date is before the start date"),
    PDS_NO_MATCH(422, "pds-no-match", "PDS found no one matching the person exactly; the referral is held"),
    PDS_MULTIPLE_MATCHES(422, "pds-multiple-matches", "PDS found several people matching the person; the referral is held"),
    PDS_NUMBER_NOT_FOUND(422, "pds-number-not-found", "PDS does not hold this NHS number; the referral is held"),
    UNKNOWN_RECIPIENT(422, "unknown-recipient", "The recipient is not a voluntary organisation Seamless knows"),
    NOT_FOUND(404, "referral-not-found", "No referral of yours has this id"),
    CONFLICT(409, "conflict", "The request conflicts with what is already recorded"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The body exceeds the size limit"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Send application/json");

    /** Base of the problem type URIs (shared with the consents API). */
    public static final String BASE = "https://seamless.dev/problems/";

    private final int status;
    private final String slug;
    private final String title;

    VcsProblemType(int status, String slug, String title) {
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

    /** The problem type of a plausibility rule's code ({@link org.seamless.mappings.message.Plausibility.Rule}), if it is one. */
    public static java.util.Optional<VcsProblemType> ofPlausibilityCode(String code) {
        return org.seamless.mappings.message.Plausibility.Rule.ofCode(code).map(r -> switch (r) {
            case BIRTH_DATE_IN_FUTURE -> BIRTH_DATE_IN_FUTURE;
            case DEATH_BEFORE_BIRTH -> DEATH_BEFORE_BIRTH;
            case DISCHARGE_BEFORE_ADMISSION -> DISCHARGE_BEFORE_ADMISSION;
            case AGE_OVER_125 -> AGE_OVER_125;
            case REVIEW_BEFORE_START -> REVIEW_BEFORE_START;
        });
    }

    /** The problem type of a {@link org.seamless.mappings.vcs.VcsInputException} code. */
    static VcsProblemType ofCode(String code) {
        return switch (code) {
            case "malformed-json" -> MALFORMED_JSON;
            case "unknown-field" -> UNKNOWN_FIELD;
            case "wrong-type" -> WRONG_TYPE;
            case "missing-field" -> MISSING_FIELD;
            case "invalid-nhs-number" -> INVALID_NHS_NUMBER;
            default -> INVALID_VALUE;
        };
    }
}
