package org.seamless.adapters.nhshl7v2;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.NoticeDetails;

/**
 * One trust's choice of which ADT events raise which Care Act notice, and for which patients: the
 * event map ({@code notices}, e.g. {@code A01=admission-notice;A03=discharge-notice}) and the filters on
 * the patient class (PV1-2), the ward (PV1-3.1, point of care) and the specialty (PV1-10, hospital
 * service); {@code *} matches anything, including an empty field. A transfer (A02) raises its notice
 * only when the patient moves into the filters' scope from a ward outside it (PV1-6, prior location).
 */
record NoticeRules(Map<String, SeamlessEvent> notices, Set<String> patientClasses, Set<String> wards,
                   Set<String> specialties) {

    static final String DEFAULT_NOTICES = "A01=admission-notice;A04=admission-notice;A03=discharge-notice;"
            + "A11=withdrawal-notice;A13=withdrawal-notice;A02=admission-notice";
    static final String ANY = "*";

    /** Why an ADT event raised no notice. */
    enum Drop {
        /** The trust's map names no notice for this trigger (A08 update, A21/A22 leave, A05, A28, ...). */
        NOT_A_NOTICE("not-a-notice"),
        /** The patient class is outside the trust's filter (e.g. an outpatient or emergency attendance). */
        PATIENT_CLASS("patient-class"),
        /** The ward is outside the trust's filter. */
        WARD("ward"),
        /** The specialty is outside the trust's filter. */
        SPECIALTY("specialty"),
        /** A transfer between two wards that are both in scope (or both out of it): nothing new to tell. */
        TRANSFER_NO_CHANGE("transfer-no-change");

        private final String code;

        Drop(String code) {
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    static NoticeRules parse(String notices, String patientClasses, String wards, String specialties) {
        Map<String, SeamlessEvent> map = new LinkedHashMap<>();
        for (String pair : notices.split("[;,]")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            if (kv.length != 2 || !kv[0].strip().matches("A\\d\\d")) {
                throw new IllegalArgumentException("notices: '" + pair.strip() + "' is not TRIGGER=notice-event");
            }
            SeamlessEvent event = SeamlessEvent.fromCode(kv[1].strip())
                    .filter(NoticeDetails.NOTICE_EVENTS::contains)
                    .orElseThrow(() -> new IllegalArgumentException("notices: '" + kv[1].strip()
                            + "' is not a notice event (admission-notice, assessment-notice, discharge-notice,"
                            + " withdrawal-notice)"));
            map.put(kv[0].strip().toUpperCase(Locale.ROOT), event);
        }
        return new NoticeRules(Map.copyOf(map), set(patientClasses), set(wards), set(specialties));
    }

    private static Set<String> set(String list) {
        if (list == null || list.isBlank()) {
            return Set.of(ANY);
        }
        return Arrays.stream(list.split("[;,]")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** The notice this trigger raises for this visit, or why it raises none. */
    Decision decide(String trigger, String patientClass, String ward, String specialty, String priorWard) {
        SeamlessEvent event = notices.get(trigger);
        if (event == null) {
            return new Decision(Optional.empty(), Drop.NOT_A_NOTICE);
        }
        if (!matches(patientClasses, patientClass)) {
            return new Decision(Optional.empty(), Drop.PATIENT_CLASS);
        }
        if (!matches(specialties, specialty)) {
            return new Decision(Optional.empty(), Drop.SPECIALTY);
        }
        if (!matches(wards, ward)) {
            return new Decision(Optional.empty(), Drop.WARD);
        }
        if ("A02".equals(trigger) && matches(wards, priorWard)) {
            return new Decision(Optional.empty(), Drop.TRANSFER_NO_CHANGE);
        }
        return new Decision(Optional.of(event), null);
    }

    private static boolean matches(Set<String> allowed, String value) {
        return allowed.contains(ANY) || (value != null && allowed.contains(value.strip().toUpperCase(Locale.ROOT)));
    }

    /** A notice event, or the reason for raising none. */
    record Decision(Optional<SeamlessEvent> event, Drop drop) {
    }
}
