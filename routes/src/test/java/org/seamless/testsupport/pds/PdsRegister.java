package org.seamless.testsupport.pds;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's patients: current records by NHS number, superseded numbers pointing at their successor,
 * invalidated numbers. Matching follows the published non-fuzzy search: names and postcode case-insensitive,
 * postcode spaces ignored, {@code *} a trailing wildcard (not in the first two characters), the first given name
 * matched, {@code birthdate} with {@code eq}, {@code ge} or {@code le}. A wildcard match scores 0.9 (PDS gives
 * partial matches less than 1.0), a full match 1.0.
 */
final class PdsRegister {
    /** One current PDS record; {@code deceased} the date of death, null while alive. */
    record Person(String nhsNumber, String family, String given, String gender, LocalDate birthDate, String postcode,
                  LocalDate deceased) {
        Person(String nhsNumber, String family, String given, String gender, LocalDate birthDate, String postcode) {
            this(nhsNumber, family, given, gender, birthDate, postcode, null);
        }
    }

    /** A search's criteria, already validated. */
    record Criteria(String family, String given, String gender, List<String> birthdate, String postcode) {
    }

    record Scored(Person person, double score) {
    }

    private final Map<String, Person> current = new ConcurrentHashMap<>();
    private final Map<String, String> supersededBy = new ConcurrentHashMap<>();
    private final Map<String, Boolean> invalidated = new ConcurrentHashMap<>();

    void add(Person p) {
        current.put(p.nhsNumber(), p);
    }

    /** {@code old} is superseded by {@code successor} (which must be current): reads of old answer successor. */
    void supersede(String old, String successor) {
        current.remove(old);
        supersededBy.put(old, successor);
    }

    /** Replaces the current record {@code nhs} by what {@code change} makes of it. */
    void update(String nhs, java.util.function.UnaryOperator<Person> change) {
        if (current.computeIfPresent(nhs, (k, p) -> change.apply(p)) == null) {
            throw new IllegalArgumentException("no current record to update");
        }
    }

    void invalidate(String nhs) {
        current.remove(nhs);
        invalidated.put(nhs, true);
    }

    /** The record a read of {@code nhs} answers with (following supersession), empty when none. */
    Optional<Person> read(String nhs) {
        String n = nhs;
        for (int hops = 0; hops < 10 && supersededBy.containsKey(n); hops++) {
            n = supersededBy.get(n);
        }
        return Optional.ofNullable(current.get(n));
    }

    boolean isInvalidated(String nhs) {
        return invalidated.containsKey(nhs);
    }

    List<Scored> search(Criteria c) {
        List<Scored> out = new ArrayList<>();
        for (Person p : current.values()) {
            boolean[] wild = {false};
            if (text(c.family(), p.family(), wild) && (c.given() == null || text(c.given(), first(p.given()), wild))
                    && (c.gender() == null || c.gender().equalsIgnoreCase(p.gender()))
                    && c.birthdate().stream().allMatch(b -> date(b, p.birthDate()))
                    && (c.postcode() == null || text(c.postcode().replace(" ", ""),
                    p.postcode() == null ? null : p.postcode().replace(" ", ""), wild))) {
                out.add(new Scored(p, wild[0] ? 0.9 : 1.0));
            }
        }
        out.sort((a, b) -> Double.compare(b.score(), a.score()));
        return out;
    }

    private static String first(String given) {
        return given == null ? null : given.strip().split("\\s+")[0];
    }

    private static boolean text(String pattern, String value, boolean[] wild) {
        if (value == null) {
            return false;
        }
        String p = pattern.toLowerCase(Locale.ROOT);
        String v = value.toLowerCase(Locale.ROOT);
        if (p.endsWith("*")) {
            wild[0] = true;
            return v.startsWith(p.substring(0, p.length() - 1));
        }
        return v.equals(p);
    }

    private static boolean date(String criterion, LocalDate value) {
        LocalDate d = LocalDate.parse(criterion.substring(2));
        return switch (criterion.substring(0, 2)) {
            case "eq" -> value.equals(d);
            case "ge" -> !value.isBefore(d);
            case "le" -> !value.isAfter(d);
            default -> false;
        };
    }
}
