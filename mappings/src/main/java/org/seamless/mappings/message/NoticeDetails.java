package org.seamless.mappings.message;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;

/**
 * The facts of one Care Act notice, from which {@link NoticeMessages} builds the canonical bundle.
 * Personal data: {@link #toString()} shows only the message id and event.
 *
 * @param messageId            a UUID; becomes {@code MessageHeader.id}, the message id
 * @param event                one of the four notice events
 * @param sentAt               {@code Bundle.timestamp}
 * @param plannedDischargeDate required for a discharge notice, optional otherwise
 * @param hospitalOdsCode      ODS code of the trust sending the notice
 * @param contactName          the hospital's contact for this patient (e.g. discharge coordinator)
 */
public record NoticeDetails(
        String messageId,
        SeamlessEvent event,
        Instant sentAt,
        NhsNumber nhsNumber,
        String givenName,
        String familyName,
        LocalDate birthDate,
        AdministrativeGender gender,
        List<String> addressLines,
        String city,
        String postcode,
        String phone,
        String encounterId,
        OffsetDateTime admittedAt,
        LocalDate plannedDischargeDate,
        String hospitalOdsCode,
        String ward,
        String contactName,
        String contactPhone) {

    /** The events a notice can carry. */
    public static final Set<SeamlessEvent> NOTICE_EVENTS = EnumSet.of(SeamlessEvent.ADMISSION_NOTICE,
            SeamlessEvent.ASSESSMENT_NOTICE, SeamlessEvent.DISCHARGE_NOTICE, SeamlessEvent.WITHDRAWAL_NOTICE);

    public NoticeDetails {
        Objects.requireNonNull(messageId, "messageId");
        requireUuid(messageId);
        Objects.requireNonNull(event, "event");
        if (!NOTICE_EVENTS.contains(event)) {
            throw new IllegalArgumentException("event " + event.code() + " is not a notice event");
        }
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(nhsNumber, "nhsNumber");
        Objects.requireNonNull(encounterId, "encounterId");
        Objects.requireNonNull(admittedAt, "admittedAt");
        Objects.requireNonNull(hospitalOdsCode, "hospitalOdsCode");
        if (event == SeamlessEvent.DISCHARGE_NOTICE && plannedDischargeDate == null) {
            throw new IllegalArgumentException("a discharge notice needs plannedDischargeDate");
        }
        addressLines = addressLines == null ? List.of() : List.copyOf(addressLines);
    }

    /** A copy with another message id and event (e.g. the discharge notice that follows an assessment notice). */
    public NoticeDetails withEvent(String newMessageId, SeamlessEvent newEvent) {
        return new NoticeDetails(newMessageId, newEvent, sentAt, nhsNumber, givenName, familyName, birthDate, gender,
                addressLines, city, postcode, phone, encounterId, admittedAt, plannedDischargeDate, hospitalOdsCode,
                ward, contactName, contactPhone);
    }

    /** A copy with another planned discharge date (null to clear it). */
    public NoticeDetails withPlannedDischargeDate(LocalDate date) {
        return new NoticeDetails(messageId, event, sentAt, nhsNumber, givenName, familyName, birthDate, gender,
                addressLines, city, postcode, phone, encounterId, admittedAt, date, hospitalOdsCode,
                ward, contactName, contactPhone);
    }

    @Override
    public String toString() {
        return "NoticeDetails[messageId=" + messageId + ", event=" + event.code() + ", personal data redacted]";
    }

    private static void requireUuid(String id) {
        try {
            if (!UUID.fromString(id).toString().equals(id)) {
                throw new IllegalArgumentException("messageId must be a lower-case UUID");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("messageId must be a lower-case UUID");
        }
    }
}
