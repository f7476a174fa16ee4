package org.seamless.mappings.d2a;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;

/**
 * What a home-care provider is told when its client is admitted or discharged (ADR 0063), and nothing
 * more: the person (NHS number, name, date of birth, first address line and postcode, so the provider
 * finds its client), the package, from when, what to do with the visits, and the ward's phone number.
 * No clinical detail, pathway, delay reason or destination. Personal data: {@link #toString()} shows
 * only the message id and event.
 *
 * @param derivedFrom message id of the trust event (admission or discharge) it was derived from
 * @param from        admission time (suspend) or discharge date (resume), ISO 8601
 */
public record HomeCareNotice(
        String messageId,
        SeamlessEvent event,
        Instant sentAt,
        String derivedFrom,
        NhsNumber nhsNumber,
        String givenName,
        String familyName,
        LocalDate birthDate,
        String addressLine1,
        String postcode,
        String hospitalOdsCode,
        String wardPhone,
        HomeCarePackage homeCarePackage,
        String from,
        Visits visits) {

    /** The England time zone: a discharge date is the date in England. */
    public static final ZoneId ENGLAND = ZoneId.of("Europe/London");
    /** UK Core discharge destination (England) "usual place of residence": the only destination that resumes visits. */
    public static final String USUAL_PLACE_OF_RESIDENCE = "19";
    private static final java.time.format.DateTimeFormatter SECONDS =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    /** What the provider does with the visits. */
    public enum Visits {
        SUSPEND("suspend", "Suspend visits from the admission time"),
        RESUME("resume", "Resume visits from the discharge date: the client went home"),
        STAY_SUSPENDED("stay-suspended", "Visits stay suspended; contact the council");

        private final String code;
        private final String display;

        Visits(String code, String display) {
            this.code = code;
            this.display = display;
        }

        public String code() {
            return code;
        }

        public String display() {
            return display;
        }

        public static java.util.Optional<Visits> fromCode(String code) {
            return java.util.Arrays.stream(values()).filter(v -> v.code.equals(code)).findFirst();
        }
    }

    public HomeCareNotice {
        Objects.requireNonNull(messageId, "messageId");
        D2aStay.requireUuid(messageId);
        Objects.requireNonNull(event, "event");
        if (event != SeamlessEvent.HOME_CARE_SUSPEND && event != SeamlessEvent.HOME_CARE_RESUME) {
            throw new IllegalArgumentException("event " + event.code() + " is not a home care event");
        }
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(derivedFrom, "derivedFrom");
        Objects.requireNonNull(nhsNumber, "nhsNumber");
        Objects.requireNonNull(hospitalOdsCode, "hospitalOdsCode");
        Objects.requireNonNull(homeCarePackage, "homeCarePackage");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(visits, "visits");
        if ((event == SeamlessEvent.HOME_CARE_SUSPEND) != (visits == Visits.SUSPEND)) {
            throw new IllegalArgumentException("a " + event.code() + " cannot say " + visits.code());
        }
    }

    /**
     * The suspend notice for the package's provider, from the admission time: derived from the admission,
     * or from a later event of a stay still in hospital when the council records the package mid-stay.
     */
    public static HomeCareNotice suspend(D2aStay admission, HomeCarePackage pkg) {
        if (admission.event() == SeamlessEvent.D2A_DISCHARGED || admission.event() == SeamlessEvent.D2A_CANCELLED) {
            throw new IllegalArgumentException("visits are suspended only while the person is in hospital, not on a "
                    + admission.event().code());
        }
        return of(admission, pkg, SeamlessEvent.HOME_CARE_SUSPEND,
                admission.admittedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).format(SECONDS), Visits.SUSPEND);
    }

    /** The resume notice a discharge derives: resume if the person went home, else visits stay suspended. */
    public static HomeCareNotice resume(D2aStay discharged, HomeCarePackage pkg) {
        if (discharged.event() != SeamlessEvent.D2A_DISCHARGED) {
            throw new IllegalArgumentException("visits are resumed on a d2a-discharged only");
        }
        OffsetDateTime out = discharged.dischargedAt();
        Visits visits = USUAL_PLACE_OF_RESIDENCE.equals(discharged.dischargeDestination()) ? Visits.RESUME
                : Visits.STAY_SUSPENDED;
        return of(discharged, pkg, SeamlessEvent.HOME_CARE_RESUME, out.atZoneSameInstant(ENGLAND).toLocalDate()
                .toString(), visits);
    }

    private static HomeCareNotice of(D2aStay s, HomeCarePackage pkg, SeamlessEvent event, String from, Visits visits) {
        List<String> lines = s.addressLines();
        return new HomeCareNotice(messageId(s.messageId(), pkg.providerAgencyId(), event), event, s.sentAt(),
                s.messageId(), s.nhsNumber(), s.givenName(), s.familyName(), s.birthDate(),
                lines.isEmpty() ? null : lines.get(0), s.postcode(), s.hospitalOdsCode(), s.contactPhone(), pkg, from,
                visits);
    }

    /**
     * The derived message's id: a name-based UUID of the trust event, the provider and the event, so a
     * redelivered or replayed trust event derives the same message (the provider acts on it once).
     */
    public static String messageId(String trustEventId, String provider, SeamlessEvent event) {
        return java.util.UUID.nameUUIDFromBytes(("home-care|" + trustEventId + "|" + provider + "|" + event.code())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    @Override
    public String toString() {
        return "HomeCareNotice[messageId=" + messageId + ", event=" + event.code() + ", personal data redacted]";
    }
}
