package org.seamless.mappings.d2a;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;

/**
 * The facts of one discharge to assess event a local authority (or care transfer hub) sends back to
 * the trust (ADR 0060). It answers one trust event ({@link #inReplyTo}, that event's message id).
 * A care package is identified by the council's own package id ({@code EpisodeOfCare.identifier},
 * system {@link D2aCodes#CARE_PACKAGE_ID_PREFIX} + council agency id) and its provider by the Seamless
 * agency id when the provider is registered ({@link D2aCodes#AGENCY_SYSTEM}), else by CQC location id.
 * Personal data: {@link #toString()} shows only the message id and event.
 *
 * @param councilAgencyId   registry id of the answering council (filled by the hub from the source when absent)
 * @param inReplyTo         message id of the trust's event this answers
 * @param outcome           required on assessment-outcome
 * @param confirmedPathway  the pathway the council confirms (assessment-outcome)
 * @param packageId         required on care-in-place and care-arranged
 * @param careStartDate     required on care-arranged
 */
public record D2aAnswer(
        String messageId,
        SeamlessEvent event,
        Instant sentAt,
        String councilAgencyId,
        String inReplyTo,
        NhsNumber nhsNumber,
        String hospitalOdsCode,
        String spellId,
        String referralId,
        D2aCodes.Outcome outcome,
        D2aCodes.Pathway confirmedPathway,
        String note,
        String packageId,
        D2aCodes.PackageType packageType,
        String providerAgencyId,
        String providerCqcLocationId,
        String providerName,
        String providerPhone,
        LocalDate careStartDate,
        String contactName,
        String contactPhone) {

    public D2aAnswer {
        Objects.requireNonNull(messageId, "messageId");
        D2aStay.requireUuid(messageId);
        Objects.requireNonNull(event, "event");
        if (!D2aCodes.FROM_COUNCIL.contains(event)) {
            throw new IllegalArgumentException("event " + event.code() + " is not a discharge to assess answer");
        }
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(inReplyTo, "inReplyTo");
        Objects.requireNonNull(nhsNumber, "nhsNumber");
        switch (event) {
            case D2A_ASSESSMENT_OUTCOME -> require(event, outcome, "outcome");
            case D2A_CARE_IN_PLACE -> {
                require(event, packageId, "packageId");
                require(event, packageType, "packageType");
                if (providerAgencyId == null && providerCqcLocationId == null && providerName == null) {
                    throw new IllegalArgumentException("a " + event.code() + " event needs the provider");
                }
            }
            case D2A_CARE_ARRANGED -> {
                require(event, packageId, "packageId");
                require(event, packageType, "packageType");
                require(event, careStartDate, "careStartDate");
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

    /** The same answer from a named council (the hub fills the source's id when the council left it out). */
    public D2aAnswer withCouncil(String agencyId) {
        return new D2aAnswer(messageId, event, sentAt, agencyId, inReplyTo, nhsNumber, hospitalOdsCode, spellId,
                referralId, outcome, confirmedPathway, note, packageId, packageType, providerAgencyId,
                providerCqcLocationId, providerName, providerPhone, careStartDate, contactName, contactPhone);
    }

    @Override
    public String toString() {
        return "D2aAnswer[messageId=" + messageId + ", event=" + event.code() + ", personal data redacted]";
    }
}
