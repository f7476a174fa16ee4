package org.seamless.mappings.d2a;

import java.time.LocalDate;
import java.util.Optional;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.NoticeDetails;
import org.seamless.mappings.message.ResourceIds;

/**
 * The legacy output (ADR 0061): the Care Act notice a council whose system still imports the old
 * notices gets for a discharge to assess event. Admission gives an admission notice, a referral an
 * assessment notice, a predicted or ready date (the first day the trust proposes to discharge) a
 * discharge notice, a cancellation a withdrawal notice; the other events have no notice. The
 * notice's message id is derived from the event's, so redelivery and replay give the same notice.
 */
public final class LegacyNotices {
    private LegacyNotices() {
    }

    /** The notice event for a trust event, if the old notices had one. */
    public static Optional<SeamlessEvent> noticeEvent(D2aStay stay) {
        return switch (stay.event()) {
            case D2A_ADMISSION -> Optional.of(SeamlessEvent.ADMISSION_NOTICE);
            case D2A_REFERRAL -> Optional.of(SeamlessEvent.ASSESSMENT_NOTICE);
            case D2A_PREDICTED_DISCHARGE_DATE, D2A_DISCHARGE_READY_DATE -> dischargeDay(stay).isPresent()
                    ? Optional.of(SeamlessEvent.DISCHARGE_NOTICE) : Optional.empty();
            case D2A_CANCELLED -> Optional.of(SeamlessEvent.WITHDRAWAL_NOTICE);
            default -> Optional.empty();
        };
    }

    /** The message id of the notice derived from a trust event. */
    public static String noticeMessageId(String eventMessageId) {
        return ResourceIds.derived(eventMessageId, "legacy-notice");
    }

    /** The notice for a trust event; empty when the event has no notice. */
    public static Optional<NoticeDetails> of(D2aStay s) {
        return noticeEvent(s).map(event -> new NoticeDetails(noticeMessageId(s.messageId()), event, s.sentAt(),
                s.nhsNumber(), s.givenName(), s.familyName(), s.birthDate(), s.gender(), s.addressLines(), s.city(),
                s.postcode(), s.phone(), s.spellId(), s.admittedAt(),
                event == SeamlessEvent.DISCHARGE_NOTICE ? dischargeDay(s).orElseThrow() : s.predictedDischargeDate(),
                s.hospitalOdsCode(), s.ward(), s.contactName(), s.contactPhone()));
    }

    /** The day the trust proposes to discharge: the predicted date, else the Discharge Ready Date. */
    private static Optional<LocalDate> dischargeDay(D2aStay s) {
        return Optional.ofNullable(s.predictedDischargeDate()).or(() -> Optional.ofNullable(s.dischargeReadyDate()));
    }
}
