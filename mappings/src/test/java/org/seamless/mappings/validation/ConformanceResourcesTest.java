package org.seamless.mappings.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.FhirContexts;

class ConformanceResourcesTest {

    @Test
    void indexListsExactlyTheVendoredFiles() throws IOException, URISyntaxException {
        Path root = Paths.get(getClass().getClassLoader().getResource(ConformanceResources.UKCORE_ROOT).toURI());
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(root)) {
            onDisk = files.filter(p -> p.toString().endsWith(".xml")).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        assertThat(ConformanceResources.ukCorePaths()).containsExactlyInAnyOrderElementsOf(onDisk);
        assertThat(onDisk).noneMatch(p -> p.startsWith("examples/")).hasSizeGreaterThan(300);
        assertThat(root.resolve("package.json")).exists();
    }

    @Test
    void everyResourceParsesAndTheProfilesWeUseArePresent() {
        List<IBaseResource> ukCore = ConformanceResources.ukCore(FhirContexts.r4());
        assertThat(ukCore).hasSize(ConformanceResources.ukCorePaths().size())
                .allMatch(r -> List.of("StructureDefinition", "ValueSet", "CodeSystem").contains(r.fhirType()));
        List<String> urls = ukCore.stream()
                .map(r -> FhirContexts.r4().newTerser().getSinglePrimitiveValueOrNull(r, "url")).toList();
        assertThat(urls).contains(
                "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient",
                "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter",
                "https://fhir.hl7.org.uk/StructureDefinition/UKCore-MessageHeader",
                "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus");
        // the event CodeSystem, planned-discharge-date, for social care alerts (ADR 0015) the alert-type
        // CodeSystem and the review-date extension, and for discharge to assess (ADR 0060) four CodeSystems and
        // three extensions
        assertThat(ConformanceResources.seamless(FhirContexts.r4()))
                .map(r -> FhirContexts.r4().newTerser().getSinglePrimitiveValueOrNull(r, "url"))
                .containsExactlyInAnyOrder("https://seamless.dev/fhir/CodeSystem/seamless-event",
                        "https://seamless.dev/fhir/StructureDefinition/planned-discharge-date",
                        "https://seamless.dev/fhir/CodeSystem/seamless-alert-type",
                        "https://seamless.dev/fhir/StructureDefinition/alert-review-date",
                        "https://seamless.dev/fhir/CodeSystem/d2a-pathway",
                        "https://seamless.dev/fhir/CodeSystem/discharge-delay-reason",
                        "https://seamless.dev/fhir/CodeSystem/d2a-assessment-outcome",
                        "https://seamless.dev/fhir/CodeSystem/care-package-type",
                        "https://seamless.dev/fhir/StructureDefinition/discharge-ready-date",
                        "https://seamless.dev/fhir/StructureDefinition/discharge-delay-reason",
                        "https://seamless.dev/fhir/StructureDefinition/unpaid-carer-involved");
    }
}
