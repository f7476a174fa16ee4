package org.seamless.privacy.transform.pseudonymise;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.identify.Subject;

/**
 * The identifying facts about the people in a message (NHS numbers, name words, phone digits,
 * address lines, birth dates), used to refuse any coded or URI value that would repeat one of
 * them. Also refuses any value holding ten digits in a row (ignoring spaces and hyphens), which
 * may be an NHS number this class does not know about (codes excepted). Never printed.
 */
final class SubjectFacts {
    private static final Pattern TEN_DIGITS = Pattern.compile("\\d{10}");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^\\p{L}]+");

    private final Set<String> numbers = new HashSet<>();
    private final Set<String> nameWords = new HashSet<>();
    private final Set<String> phrases = new HashSet<>();

    static SubjectFacts of(Subject subject, List<Patient> patients) {
        SubjectFacts f = new SubjectFacts();
        subject.nhsNumber().ifPresent(n -> f.numbers.add(n.value()));
        for (Patient p : patients) {
            for (Identifier id : p.hasIdentifier() ? p.getIdentifier() : List.<Identifier>of()) {
                NhsNumber.tryParse(id.getValue()).ifPresent(n -> f.numbers.add(n.value()));
            }
            for (HumanName name : p.hasName() ? p.getName() : List.<HumanName>of()) {
                f.addWords(name.getFamily());
                f.addWords(name.getText());
                if (name.hasGiven()) {
                    name.getGiven().forEach(g -> f.addWords(g.getValue()));
                }
            }
            for (ContactPoint t : p.hasTelecom() ? p.getTelecom() : List.<ContactPoint>of()) {
                String digits = digits(t.getValue());
                if (digits.length() >= 6) {
                    f.numbers.add(digits);
                }
            }
            for (Address a : p.hasAddress() ? p.getAddress() : List.<Address>of()) {
                for (StringType line : a.hasLine() ? a.getLine() : List.<StringType>of()) {
                    f.addPhrase(line.getValue());
                }
                f.addPhrase(a.getText());
            }
            if (p.hasBirthDateElement()) {
                f.addPhrase(p.getBirthDateElement().getValueAsString());
            }
        }
        return f;
    }

    /** Whether the text holds any of the facts, or ten digits in a row. */
    boolean appearsIn(String text) {
        return hasTenDigits(text) || holdsFact(text, true);
    }

    /** Whether the text holds ten digits in a row, ignoring spaces and hyphens. */
    static boolean hasTenDigits(String text) {
        return text != null && TEN_DIGITS.matcher(text.replace(" ", "").replace("-", "")).find();
    }

    /**
     * Whether the text holds one of the numbers or phrases, or (with {@code words}) a word of a
     * name. Name words are not looked for in URIs and in codes of known code systems, where a
     * name such as "Dev" or "Notice" would otherwise strike out the message's own vocabulary.
     */
    boolean holdsFact(String text, boolean words) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        String digits = digits(text);
        if (numbers.stream().anyMatch(digits::contains)) {
            return true;
        }
        String lower = normalise(text);
        if (phrases.stream().anyMatch(lower::contains)) {
            return true;
        }
        if (words) {
            for (String word : NOT_LETTERS.split(lower)) {
                if (nameWords.contains(word)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void addWords(String text) {
        if (text != null) {
            for (String word : NOT_LETTERS.split(normalise(text))) {
                if (word.length() >= 2) {
                    nameWords.add(word);
                }
            }
        }
    }

    private void addPhrase(String text) {
        if (text != null && text.strip().length() >= 4) {
            phrases.add(normalise(text));
        }
    }

    private static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    private static String digits(String text) {
        return text == null ? "" : text.replaceAll("\\D", "");
    }

    @Override
    public String toString() {
        return "SubjectFacts[redacted]";
    }
}
