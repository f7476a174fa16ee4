package org.seamless.mappings.d2a;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;

/**
 * The facts of one discharge to assess event a trust sends (ADR 0060): the person, the hospital
 * stay as it stands now, and the referral when there is one. Every event carries the whole current
 * state, so a council that missed one still has the latest (and an event can be replayed alone).
 * Personal data: {@link #toString()} shows only the message id and event.
 *
 * @param uprn                   Unique Property Reference Number of the home address, when the trust has it
 * @param spellId                the hospital spell number ({@code Encounter.identifier})
 * @param referralId             the trust's referral id ({@code ServiceRequest.identifier}); absent on an
 *                               admission before any referral
 * @param pathway                proposed pathway; required on referral and pathway-changed
 * @param predictedDischargeDate the predicted (expected) discharge date
 * @param dischargeReadyDate     the Discharge Ready Date
 * @param dischargedAt           required on discharged
 * @param dischargeDestination   UK Core discharge destination (England) code; required on discharged
 * @param cancellationReason     free text; required on cancelled
 */
public record D2aStay(
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
        String uprn,
        String phone,
        String spellId,
        OffsetDateTime admittedAt,
        String hospitalOdsCode,
        String ward,
        String contactName,
        String contactPhone,
        String referralId,
        D2aCodes.Pathway pathway,
        String needsSummary,
        Boolean unpaidCarerInvolved,
        LocalDate predictedDischargeDate,
        LocalDate dischargeReadyDate,
        D2aCodes.DelayReason delayReason,
        String delayNote,
        OffsetDateTime dischargedAt,
        String dischargeDestination,
        String cancellationReason) {

    public D2aStay {
        Objects.requireNonNull(messageId, "messageId");
        requireUuid(messageId);
        Objects.requireNonNull(event, "event");
        if (!D2aCodes.FROM_HOSPITAL.contains(event)) {
            throw new IllegalArgumentException("event " + event.code() + " is not a discharge to assess event a trust sends");
        }
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(nhsNumber, "nhsNumber");
        Objects.requireNonNull(spellId, "spellId");
        Objects.requireNonNull(admittedAt, "admittedAt");
        Objects.requireNonNull(hospitalOdsCode, "hospitalOdsCode");
        addressLines = addressLines == null ? List.of() : List.copyOf(addressLines);
        switch (event) {
            case D2A_REFERRAL, D2A_PATHWAY_CHANGED -> {
                require(event, referralId, "referralId");
                require(event, pathway, "pathway");
            }
            case D2A_CANCELLED -> {
                require(event, referralId, "referralId");
                require(event, cancellationReason, "cancellationReason");
            }
            case D2A_PREDICTED_DISCHARGE_DATE -> require(event, predictedDischargeDate, "predictedDischargeDate");
            case D2A_DISCHARGE_READY_DATE -> require(event, dischargeReadyDate, "dischargeReadyDate");
            case D2A_DELAY -> require(event, delayReason, "delayReason");
            case D2A_WARD_TRANSFER -> require(event, ward, "ward");
            case D2A_DISCHARGED -> {
                require(event, dischargedAt, "dischargedAt");
                require(event, dischargeDestination, "dischargeDestination");
            }
            default -> {
            }
        }
    }

    private static void require(SeamlessEvent event, Object value, String name) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new IllegalArgumentException("a " + event.code() + " event needs " + name);
        }
    }

    /** A builder pre-filled with these facts (e.g. the next event of the same stay). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder(null);
    }

    @Override
    public String toString() {
        return "D2aStay[messageId=" + messageId + ", event=" + event.code() + ", personal data redacted]";
    }

    static void requireUuid(String id) {
        try {
            if (!UUID.fromString(id).toString().equals(id)) {
                throw new IllegalArgumentException("messageId must be a lower-case UUID");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("messageId must be a lower-case UUID");
        }
    }

    /** Mutable builder; {@link #build()} applies the record's checks. */
    public static final class Builder {
        public String messageId;
        public SeamlessEvent event;
        public Instant sentAt;
        public NhsNumber nhsNumber;
        public String givenName;
        public String familyName;
        public LocalDate birthDate;
        public AdministrativeGender gender;
        public List<String> addressLines = List.of();
        public String city;
        public String postcode;
        public String uprn;
        public String phone;
        public String spellId;
        public OffsetDateTime admittedAt;
        public String hospitalOdsCode;
        public String ward;
        public String contactName;
        public String contactPhone;
        public String referralId;
        public D2aCodes.Pathway pathway;
        public String needsSummary;
        public Boolean unpaidCarerInvolved;
        public LocalDate predictedDischargeDate;
        public LocalDate dischargeReadyDate;
        public D2aCodes.DelayReason delayReason;
        public String delayNote;
        public OffsetDateTime dischargedAt;
        public String dischargeDestination;
        public String cancellationReason;

        private Builder(D2aStay s) {
            if (s == null) {
                return;
            }
            messageId = s.messageId; event = s.event; sentAt = s.sentAt; nhsNumber = s.nhsNumber;
            givenName = s.givenName; familyName = s.familyName; birthDate = s.birthDate; gender = s.gender;
            addressLines = s.addressLines; city = s.city; postcode = s.postcode; uprn = s.uprn; phone = s.phone;
            spellId = s.spellId; admittedAt = s.admittedAt; hospitalOdsCode = s.hospitalOdsCode; ward = s.ward;
            contactName = s.contactName; contactPhone = s.contactPhone; referralId = s.referralId;
            pathway = s.pathway; needsSummary = s.needsSummary; unpaidCarerInvolved = s.unpaidCarerInvolved;
            predictedDischargeDate = s.predictedDischargeDate; dischargeReadyDate = s.dischargeReadyDate;
            delayReason = s.delayReason; delayNote = s.delayNote; dischargedAt = s.dischargedAt;
            dischargeDestination = s.dischargeDestination; cancellationReason = s.cancellationReason;
        }

        /** The next event of the stay: a new message id and event, the rest as set. */
        public Builder next(String newMessageId, SeamlessEvent newEvent, Instant at) {
            messageId = newMessageId;
            event = newEvent;
            sentAt = at;
            return this;
        }

        public D2aStay build() {
            return new D2aStay(messageId, event, sentAt, nhsNumber, givenName, familyName, birthDate, gender,
                    addressLines, city, postcode, uprn, phone, spellId, admittedAt, hospitalOdsCode, ward, contactName,
                    contactPhone, referralId, pathway, needsSummary, unpaidCarerInvolved, predictedDischargeDate,
                    dischargeReadyDate, delayReason, delayNote, dischargedAt, dischargeDestination, cancellationReason);
        }
    }
}
