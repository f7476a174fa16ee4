package org.seamless.mappings.alert;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.seamless.mappings.canonical.NhsNumber;

/**
 * The canonical social care alert, as an LA states it, before it becomes a FHIR Flag.
 *
 * @param laAgencyId  the owning local authority's agency id (from the authenticated source, never the file)
 * @param alertId     the LA's own stable reference for the alert (with the agency id, the Flag's business identifier)
 * @param end         the end of the plan; also set (to the day of deletion) when the LA deletes the alert
 * @param deleted     the LA withdrew the alert; it is end-dated, never silently removed
 * @param teamName    the allocated team (may be absent)
 * @param teamPhone   whom to call (may be absent)
 */
public record SocialCareAlert(String laAgencyId, String laOdsCode, String laName, String alertId, NhsNumber nhsNumber,
                              AlertType type, LocalDate start, LocalDate end, LocalDate review, boolean deleted,
                              String teamName, String teamPhone) {

    /** The Flag.identifier system; the value is {@code <la agency id>/<alert id>}. */
    public static final String IDENTIFIER_SYSTEM = "https://seamless.dev/fhir/Id/social-care-alert";

    public SocialCareAlert {
        Objects.requireNonNull(laAgencyId, "laAgencyId");
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(nhsNumber, "nhsNumber");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(start, "start");
    }

    /** The business identifier value: unique across LAs, stable across extracts. */
    public String identifierValue() {
        return laAgencyId + "/" + alertId;
    }

    /** Active on {@code today}: not deleted and no end on or before it. */
    public boolean activeOn(LocalDate today) {
        return !deleted && (end == null || end.isAfter(today));
    }

    /** The Flag's period end: the plan's end, or for a deletion without one the day of deletion (never before the start). */
    public Optional<LocalDate> effectiveEnd(LocalDate today) {
        if (end != null) {
            return Optional.of(end);
        }
        return deleted ? Optional.of(today.isBefore(start) ? start : today) : Optional.empty();
    }

    public Optional<LocalDate> endDate() {
        return Optional.ofNullable(end);
    }

    @Override
    public String toString() {
        return "SocialCareAlert[" + laAgencyId + ", type=" + type.code() + "]"; // no personal values
    }
}
