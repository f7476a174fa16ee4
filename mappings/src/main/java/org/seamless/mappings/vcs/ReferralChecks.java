package org.seamless.mappings.vcs;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.seamless.mappings.canonical.NhsNumber;

/** Value checks of the voluntary-sector JSON: required fields, codes, dates, NHS number by Modulus 11. */
public final class ReferralChecks {
    static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    static final Set<String> PRIORITIES = Set.of("routine", "urgent", "asap", "stat");
    static final Set<String> GENDERS = Set.of("male", "female", "other", "unknown");
    static final Set<String> OUTCOME_STATUSES = Set.of("accepted", "rejected", "in-progress", "on-hold", "completed",
            "cancelled");
    private static final int MAX_TEXT = 2000;

    private ReferralChecks() {
    }

    /** Checks a referral and returns the person's NHS number. */
    public static NhsNumber check(ReferralSubmission r) {
        return check(r, false);
    }

    /**
     * Checks a referral and returns the person's NHS number; with {@code traceable} (the organisation's referrals
     * are traced in PDS, ADR 0079) the number may be absent (null returned) when the family name and birth date are
     * there to trace by.
     */
    public static NhsNumber check(ReferralSubmission r, boolean traceable) {
        required(r.to(), "to");
        code(required(r.service(), "service"), "service");
        List<String> needs = r.needs() == null ? List.of() : r.needs();
        for (int i = 0; i < needs.size(); i++) {
            code(required(needs.get(i), "needs[" + i + "]"), "needs[" + i + "]");
        }
        oneOf(r.priority(), PRIORITIES, "priority");
        text(r.notes(), "notes");
        if (r.person() == null) {
            throw missing("person");
        }
        ReferralSubmission.Person p = r.person();
        boolean absent = p.nhsNumber() == null || p.nhsNumber().isBlank();
        if (traceable && absent && (p.familyName() == null || p.familyName().isBlank() || p.birthDate() == null)) {
            throw new VcsInputException("missing-field", "person.nhsNumber", "field 'person.nhsNumber' is required"
                    + " unless 'person.familyName' and 'person.birthDate' are given to trace the person by");
        }
        NhsNumber nhs = traceable && absent ? null : NhsNumber.tryParse(required(p.nhsNumber(), "person.nhsNumber"))
                .orElseThrow(() -> new VcsInputException("invalid-nhs-number", "person.nhsNumber",
                        "field 'person.nhsNumber' is not a valid NHS number (10 digits passing the Modulus 11 check)"));
        oneOf(p.gender(), GENDERS, "person.gender");
        if (p.birthDate() != null) {
            try {
                if (LocalDate.parse(p.birthDate()).getYear() < 1880) {
                    throw invalid("person.birthDate", "is before 1880");
                }
            } catch (DateTimeParseException e) {
                throw invalid("person.birthDate", "must be a date as YYYY-MM-DD");
            }
        }
        text(p.givenName(), "person.givenName");
        text(p.familyName(), "person.familyName");
        text(p.phone(), "person.phone");
        if (p.address() != null) {
            text(p.address().city(), "person.address.city");
            text(p.address().postcode(), "person.address.postcode");
            List<String> lines = p.address().lines() == null ? List.of() : p.address().lines();
            for (int i = 0; i < lines.size(); i++) {
                text(lines.get(i), "person.address.lines[" + i + "]");
            }
        }
        return nhs;
    }

    /** Checks an outcome. */
    public static void check(OutcomeSubmission o) {
        oneOf(required(o.status(), "status"), OUTCOME_STATUSES, "status");
        if (o.outcome() != null) {
            code(o.outcome(), "outcome");
        }
        text(o.reason(), "reason");
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw missing(field);
        }
        return value;
    }

    private static VcsInputException missing(String field) {
        return new VcsInputException("missing-field", field, "field '" + field + "' is required");
    }

    private static VcsInputException invalid(String field, String what) {
        return new VcsInputException("invalid-value", field, "field '" + field + "' " + what);
    }

    private static void code(String value, String field) {
        if (!CODE.matcher(value).matches()) {
            throw invalid(field, "must be a code: lower-case letters, digits and '-', at most 64 characters");
        }
    }

    private static void oneOf(String value, Set<String> allowed, String field) {
        if (value != null && !allowed.contains(value)) {
            throw invalid(field, "must be one of " + allowed.stream().sorted().toList());
        }
    }

    private static void text(String value, String field) {
        if (value != null && value.length() > MAX_TEXT) {
            throw invalid(field, "is longer than " + MAX_TEXT + " characters");
        }
    }
}
