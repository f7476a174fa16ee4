package org.seamless.mappings.testdata;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.seamless.mappings.canonical.NhsNumber;

/**
 * Fake people from small built-in lists, reproducible from a seed. Phone numbers come from the
 * Ofcom drama ranges (07700 900xxx, 0113 496 0xxx), postcodes look real but are made up.
 */
public final class TestPeople {
    private static final List<String> GIVEN = List.of("Amelia", "Oliver", "Priya", "Kwame", "Siobhan", "Tomasz",
            "Fatima", "George", "Mei", "Dylan", "Aisha", "Rhys");
    private static final List<String> FAMILY = List.of("Smith", "Okafor", "Patel", "Nowak", "O'Brien", "Jones",
            "Khan", "Williams", "Chen", "Evans", "Hughes", "Ahmed");
    private static final List<String> STREETS = List.of("Acacia Avenue", "Mill Lane", "Station Road", "Church Street",
            "Victoria Terrace", "Park View");
    private static final List<String> TOWNS = List.of("Leeds", "Bradford", "Wakefield", "Harrogate", "Halifax");
    private static final List<String> POSTCODES = List.of("LS1 4AP", "BD7 1DP", "WF1 2EB", "HG1 1AA", "HX1 5AX");

    /** A fake person. Personal-looking data: toString redacted like the production types. */
    public record Person(NhsNumber nhsNumber, String givenName, String familyName, LocalDate birthDate,
                         AdministrativeGender gender, List<String> addressLines, String city, String postcode,
                         String phone) {
        @Override
        public String toString() {
            return "Person[redacted]";
        }
    }

    private final Random random;

    public TestPeople(long seed) {
        this.random = new Random(seed);
    }

    /** The next fake person. */
    public Person next() {
        int town = random.nextInt(TOWNS.size());
        return new Person(
                TestNhsNumbers.random(random),
                pick(GIVEN),
                pick(FAMILY),
                LocalDate.of(1930, 1, 1).plusDays(random.nextInt(365 * 90)),
                random.nextBoolean() ? AdministrativeGender.FEMALE : AdministrativeGender.MALE,
                List.of((1 + random.nextInt(120)) + " " + pick(STREETS)),
                TOWNS.get(town),
                POSTCODES.get(town),
                random.nextBoolean() ? String.format("07700 900%03d", random.nextInt(1000))
                        : String.format("0113 496 0%03d", random.nextInt(1000)));
    }

    /** A fake phone number from the Ofcom drama range. */
    public String phone() {
        return String.format("07700 900%03d", random.nextInt(1000));
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
