package org.seamless.privacy.property;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.identify.WithheldReason;

/**
 * A generated person and the ways their identifiers may be written. Names are built from
 * syllables that each hold an i, o or u, so they can never occur by chance inside a Crockford
 * pseudonym, a UUID or FHIR vocabulary, and a hit is a real leak.
 */
record SubjectData(NhsNumber nhs, Optional<WithheldReason> withheld, List<String> given, String family,
                   List<String> lines, String city, String postcode, List<String> phones, LocalDate birthDate) {

    private static final String[] SYLLABLES = {"zor", "qui", "vux", "jov", "kix", "zun", "xol", "vik", "jur", "qox",
        "wuz", "yiv", "fru", "glo", "pix"};
    private static final String[] STREETS = {"Road", "Street", "Lane", "Close", "Crescent"};
    private static final String[] OUTWARD = {"LS1", "LS6", "BD7", "LS17", "BD10", "HX3"};
    private static final Pattern DIGIT_RUN = Pattern.compile("\\d(?:[ \\-]?\\d)*");

    static SubjectData random(Random r) {
        List<String> given = new ArrayList<>();
        for (int i = 0, n = 1 + r.nextInt(2); i < n; i++) {
            given.add(name(r));
        }
        List<String> lines = new ArrayList<>();
        lines.add((1 + r.nextInt(300)) + " " + name(r) + " " + STREETS[r.nextInt(STREETS.length)]);
        if (r.nextBoolean()) {
            lines.add("Flat " + (1 + r.nextInt(40)) + " " + name(r) + " House");
        }
        List<String> phones = new ArrayList<>();
        phones.add(String.format("07700 900%03d", r.nextInt(1000)));
        if (r.nextBoolean()) {
            phones.add(String.format("0113 496 0%03d", r.nextInt(1000)));
        }
        String postcode = OUTWARD[r.nextInt(OUTWARD.length)] + " " + r.nextInt(10) + (char) ('A' + r.nextInt(26))
                + (char) ('A' + r.nextInt(26));
        Optional<WithheldReason> withheld = r.nextInt(10) == 0
                ? Optional.of(WithheldReason.values()[r.nextInt(WithheldReason.values().length)]) : Optional.empty();
        LocalDate born = LocalDate.of(1920, 1, 1).plusDays(r.nextInt(104 * 365));
        return new SubjectData(NhsNumbers.random(r), withheld, given, name(r), lines, name(r) + "ton", postcode,
                phones, born);
    }

    private static String name(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0, n = 2 + r.nextInt(2); i < n; i++) {
            b.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        }
        return Character.toUpperCase(b.charAt(0)) + b.substring(1);
    }

    String fullName() {
        return String.join(" ", given) + " " + family;
    }

    /** The NHS number as people write it: plain, 3-3-4 spaced, 3-3-4 hyphenated. */
    String nhsWritten(Random r) {
        String d = nhs.value();
        return switch (r.nextInt(3)) {
            case 0 -> d;
            case 1 -> nhs.formatted();
            default -> d.substring(0, 3) + "-" + d.substring(3, 6) + "-" + d.substring(6);
        };
    }

    /** A phone number as written, sometimes in international form. */
    String phoneWritten(Random r) {
        String p = phones.get(r.nextInt(phones.size()));
        return r.nextBoolean() ? p : "+44 " + p.substring(1);
    }

    /** The first of this person's identifiers found in the text, described (not quoted), if any. */
    Optional<String> foundIn(String text) {
        Matcher m = DIGIT_RUN.matcher(text);
        while (m.find()) {
            String digits = m.group().replaceAll("\\D", "");
            if (digits.contains(nhs.value())) {
                return Optional.of("NHS number");
            }
            for (String phone : phones) {
                String national = phone.replaceAll("\\D", "");
                if (digits.contains(national) || digits.contains(national.substring(1))) {
                    return Optional.of("phone number");
                }
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String name : given) {
            if (lower.contains(name.toLowerCase(Locale.ROOT))) {
                return Optional.of("given name");
            }
        }
        if (lower.contains(family.toLowerCase(Locale.ROOT))) {
            return Optional.of("family name");
        }
        for (String line : lines) {
            if (lower.contains(line.toLowerCase(Locale.ROOT))) {
                return Optional.of("address line");
            }
        }
        return text.contains(birthDate.toString()) ? Optional.of("birth date") : Optional.empty();
    }
}
