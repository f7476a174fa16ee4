package org.seamless.mappings.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageIssue;
import org.seamless.mappings.testdata.TestNotices;

/**
 * Differential test: for valid notices and systematic mutations of them (every element deleted in
 * turn, every primitive changed in a way that keeps or breaks its validity, periods reversed,
 * duplicate full URLs), the shape-cached validator, warmed with the valid messages, reaches the
 * same verdict (errors or none) as HAPI's full profile validator on each message.
 */
class ValidationDifferentialTest {
    private static final ProfiledMessageValidator FAST = new ProfiledMessageValidator(1000);
    private static final List<Bundle> BASES = new ArrayList<>();

    @BeforeAll
    static void warm() {
        for (SeamlessEvent e : List.of(SeamlessEvent.DISCHARGE_NOTICE, SeamlessEvent.ADMISSION_NOTICE)) {
            Bundle b = TestNotices.notice(e, 11).bundle();
            assertThat(ProfiledMessageValidator.fullValidation(b)).as("base %s is valid", e).isEmpty();
            assertThat(FAST.validate(b)).isEmpty();
            BASES.add(b);
        }
    }

    @Test
    void sameVerdictsAsTheFullValidatorOnEveryMutation() {
        List<String> disagreements = new ArrayList<>();
        int mutants = 0;
        int invalid = 0;
        long fastBefore = FAST.fastValidations();
        for (Bundle base : BASES) {
            int elements = elements(base).size();
            for (int i = 0; i < elements; i++) {
                int index = i;
                for (Mutation m : Mutation.values()) {
                    Bundle mutant = base.copy();
                    if (!applies(m, elements(mutant).get(index))) {
                        continue;
                    }
                    mutants++;
                    boolean fullOk = ProfiledMessageValidator.fullValidation(mutant).isEmpty();
                    boolean fastOk = FAST.validate(mutant).isEmpty();
                    invalid += fullOk ? 0 : 1;
                    if (fullOk != fastOk) {
                        disagreements.add(m + " at " + elements(base).get(index).path() + ": full=" + fullOk
                                + " fast=" + fastOk);
                    }
                }
            }
            for (Consumer<Bundle> whole : List.<Consumer<Bundle>>of(ValidationDifferentialTest::duplicateFullUrl,
                    ValidationDifferentialTest::reversePeriods)) {
                Bundle mutant = base.copy();
                whole.accept(mutant);
                mutants++;
                boolean fullOk = ProfiledMessageValidator.fullValidation(mutant).isEmpty();
                boolean fastOk = FAST.validate(mutant).isEmpty();
                invalid += fullOk ? 0 : 1;
                if (fullOk != fastOk) {
                    disagreements.add("whole-message mutation: full=" + fullOk + " fast=" + fastOk);
                }
            }
        }
        long fastPath = FAST.fastValidations() - fastBefore;
        System.out.printf("[differential] %d mutants, %d invalid per the full validator, %d judged on the fast path,"
                + " %d disagreements%n", mutants, invalid, fastPath, disagreements.size());
        assertThat(mutants).isGreaterThan(200);
        assertThat(invalid).as("the mutations include invalid messages").isGreaterThan(20);
        assertThat(fastPath).as("the fast path was exercised").isGreaterThan(20);
        assertThat(disagreements).isEmpty();
    }

    /**
     * The official UK Core examples of the resource types a notice carries, each put in place of
     * that resource in a notice (keeping its id, so references still resolve), then judged by both
     * validators; a second copy of each, judged after the first, takes the fast path when valid.
     */
    @Test
    void sameVerdictsOnTheUkCoreExamples() throws Exception {
        java.nio.file.Path examples = java.nio.file.Path.of("..", "..", "shared", "fhir", "ukcore", "examples");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(examples),
                "../shared/fhir/ukcore/examples is not beside the project: the UK Core example corpus is skipped");
        List<String> disagreements = new ArrayList<>();
        int judged = 0;
        try (var files = java.nio.file.Files.list(examples)) {
            for (java.nio.file.Path f : files.filter(f -> f.getFileName().toString()
                    .matches("UKCore-(Patient|Encounter|Organization)-.*\\.xml")).sorted().toList()) {
                org.hl7.fhir.r4.model.Resource example = (org.hl7.fhir.r4.model.Resource) org.seamless.mappings.canonical
                        .FhirContexts.r4().newXmlParser().parseResource(java.nio.file.Files.readString(f));
                for (int copy = 0; copy < 2; copy++) {
                    Bundle message = withExample(TestNotices.notice(SeamlessEvent.DISCHARGE_NOTICE, 11).bundle(), example);
                    boolean fullOk = ProfiledMessageValidator.fullValidation(message).isEmpty();
                    boolean fastOk = FAST.validate(message).isEmpty();
                    judged++;
                    if (fullOk != fastOk) {
                        disagreements.add(f.getFileName() + ": full=" + fullOk + " fast=" + fastOk);
                    }
                }
            }
        }
        System.out.printf("[differential] %d UK Core example messages judged, %d disagreements%n", judged,
                disagreements.size());
        assertThat(judged).isGreaterThanOrEqualTo(10);
        assertThat(disagreements).isEmpty();
    }

    private static Bundle withExample(Bundle notice, org.hl7.fhir.r4.model.Resource example) {
        for (Bundle.BundleEntryComponent e : notice.getEntry()) {
            if (e.getResource() != null && e.getResource().fhirType().equals(example.fhirType())) {
                org.hl7.fhir.r4.model.Resource copy = example.copy();
                copy.setId(e.getResource().getIdElement().getIdPart());
                e.setResource(copy);
                break;
            }
        }
        return notice;
    }

    /** How one element is changed. */
    enum Mutation {
        DELETE {
            boolean apply(Site s) {
                s.parent().removeChild(s.name(), s.value());
                return true;
            }
        },
        CHANGE_VALUE_KEEPING_FORM {
            boolean apply(Site s) {
                if (!(s.value() instanceof PrimitiveType<?> p) || p.getValueAsString() == null) {
                    return false;
                }
                switch (p.fhirType()) {
                    case "string", "markdown" -> p.setValueAsString("Changed text");
                    case "date", "dateTime", "instant" -> ((BaseDateTimeType) p).setYear(((BaseDateTimeType) p).getYear() - 3);
                    case "boolean" -> ((BooleanType) p).setValue(!((BooleanType) p).getValue());
                    default -> {
                        return false;
                    }
                }
                return true;
            }
        },
        BREAK_VALUE {
            boolean apply(Site s) {
                if (!(s.value() instanceof PrimitiveType<?> p) || p.getValueAsString() == null) {
                    return false;
                }
                switch (p.fhirType()) {
                    case "code" -> p.setValueAsString("zz-not-a-code");
                    case "uri", "canonical", "url" -> p.setValueAsString("https://example.invalid/other");
                    case "id" -> p.setValueAsString("not a valid id!");
                    case "date", "dateTime", "instant" -> ((BaseDateTimeType) p).setYear(((BaseDateTimeType) p).getYear() + 400);
                    default -> {
                        return false;
                    }
                }
                return true;
            }
        };

        abstract boolean apply(Site s);
    }

    record Site(Base parent, String name, Base value, String path) {
    }

    /** Applies a mutation; false when it does not apply (an enumerated code cannot hold another value). */
    private static boolean applies(Mutation m, Site site) {
        try {
            return m.apply(site);
        } catch (IllegalArgumentException | UnsupportedOperationException notApplicable) {
            return false;
        }
    }

    static List<Site> elements(Bundle bundle) {
        List<Site> out = new ArrayList<>();
        collect(bundle, "Bundle", out);
        return out;
    }

    private static void collect(Base element, String path, List<Site> out) {
        for (Property p : element.children()) {
            List<Base> values = p.getValues();
            for (int i = 0; i < values.size(); i++) {
                Base v = values.get(i);
                if (v == null) {
                    continue;
                }
                String child = path + "." + p.getName() + "[" + i + "]";
                out.add(new Site(element, p.getName(), v, child));
                collect(v, child, out);
            }
        }
    }

    static void duplicateFullUrl(Bundle b) {
        b.getEntry().get(2).setFullUrl(b.getEntry().get(1).getFullUrl());
    }

    static void reversePeriods(Bundle b) {
        for (Site s : elements(b)) {
            if (s.value() instanceof Period p && p.hasStart()) {
                p.setEnd(p.getStart());
                p.setStartElement(new org.hl7.fhir.r4.model.DateTimeType(
                        new java.util.Date(p.getEnd().getTime() + 86_400_000L), p.getEndElement().getPrecision()));
            }
        }
    }

    static List<MessageIssue> none() {
        return List.of();
    }
}
