package org.seamless.privacy.transform.minimise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MinimisationProfilesTest {

    private static MinimisationProfiles load(String yaml) {
        return MinimisationProfiles.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");
    }

    private static String oneProfile(String path) {
        return "profiles:\n  p1:\n    allow:\n      - \"" + path + "\"\n";
    }

    @ParameterizedTest(name = "{0}")
    // the paths and messages hold single quotes: '"' quotes, so each row is read literally (JUnit 6's CSV reader
    // refuses a field with a quote character inside an unquoted value)
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "Pateint.name                        | unknown resource type 'Pateint'",
            "patient.name                        | unknown resource type 'patient'",
            "Patient.nmae                        | 'Patient' has no element 'nmae'",
            "Patient.text                        | narrative text is never released",
            "Patient.meta                        | meta is not listed",
            "Patient.contained                   | contained resources are never released",
            "Patient.extension                   | extension('<url>')",
            "Patient.identifier.id               | element ids are never released",
            "Patient.birthDate.year              | has no elements to list below it",
            "Patient..name                       | empty step",
            "Patient.name.where(given='a'        | unbalanced",
            "Patient.extension('u').name         | must end the path",
            "Patient.where(id='x')               | where(...) must follow a complex element",
            "Patient.name.where(period='x')      | must test a primitive element",
            "Patient.name.given-name             | cannot read 'given-name'"})
    void rejectsBadPathsNamingTheProfile(String path, String problem) {
        assertThatThrownBy(() -> load(oneProfile(path)))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("test.yml")
                .hasMessageContaining("profile 'p1'")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((InvalidProfileException) e).profile()).isEqualTo("p1"));
    }

    @Test
    void rejectsUnknownKeys() {
        assertThatThrownBy(() -> load("profiles:\n  p1:\n    allow: [Patient.name]\n    alow: [Patient.id]\n"))
                .hasMessageContaining("profile 'p1'").hasMessageContaining("unknown key 'alow'");
        assertThatThrownBy(() -> load("profile:\n  p1:\n    allow: [Patient.name]\n"))
                .hasMessageContaining("unknown key 'profile'");
        assertThatThrownBy(() -> load("profiles:\n  p1:\n    allow: [Patient.name]\n    pseudonymised: {birthdate: year}\n"))
                .hasMessageContaining("profile 'p1'").hasMessageContaining("unknown key 'birthdate'");
    }

    @Test
    void rejectsDuplicateProfilesBadFormsAndContradictions() {
        assertThatThrownBy(() -> load("profiles:\n  p1:\n    allow: [Patient.name]\n  p1:\n    allow: [Patient.id]\n"))
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> load("profiles:\n  p1:\n    allow: [Patient.name]\n    pseudonymised: {birthDate: month}\n"))
                .hasMessageContaining("profile 'p1'").hasMessageContaining("'year' or 'age-band'");
        assertThatThrownBy(() -> load("profiles:\n  p1:\n    allow: []\n"))
                .hasMessageContaining("profile 'p1'").hasMessageContaining("non-empty list");
        assertThatThrownBy(() -> load("profiles:\n  p1:\n    allow:\n      - Patient.identifier\n"
                + "      - Patient.identifier.where(system='x')\n"))
                .hasMessageContaining("profile 'p1'").hasMessageContaining("both with and without where");
        assertThatThrownBy(() -> load("profiles:\n  p1:\n    extends: p2\n  p2:\n    extends: p1\n"))
                .hasMessageContaining("in a circle");
        assertThatThrownBy(() -> load("profiles:\n  p1:\n    extends: nope\n"))
                .hasMessageContaining("profile 'p1'").hasMessageContaining("not a profile");
    }

    @Test
    void readsChoicesConditionsExtensionsAndInheritance() {
        MinimisationProfiles profiles = load("""
                profiles:
                  base:
                    allow:
                      - MessageHeader.reason
                      - Patient.deceased[x]
                      - Patient.identifier.where(system='a').extension('https://x')
                      - ServiceRequest.occurrencePeriod
                      - Encounter.extension('https://y')
                      - Organization
                    pseudonymised:
                      birthDate: age-band
                  child:
                    extends: base
                    allow: [Flag.code]
                """);

        assertThat(profiles.names()).containsExactly("base", "child");
        assertThat(profiles.require("base").birthDateForm()).isEqualTo(BirthDateForm.AGE_BAND);
        assertThat(profiles.require("child").birthDateForm()).isEqualTo(BirthDateForm.YEAR);
        assertThat(profiles.require("child").resourceTypes())
                .containsExactlyInAnyOrder("MessageHeader", "Patient", "ServiceRequest", "Encounter", "Organization", "Flag");
        assertThatThrownBy(() -> profiles.require("nope")).hasMessageContaining("nope");
    }
}
