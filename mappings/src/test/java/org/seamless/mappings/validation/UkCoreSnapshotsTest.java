package org.seamless.mappings.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.FhirContexts;

/** The snapshots the build ships (ADR 0059) are the ones HAPI would generate, and a stale set is not used. */
class UkCoreSnapshotsTest {
    private static final FhirContext CTX = FhirContexts.r4();

    @Test
    void theBuildShipsTheVendoredResourcesWithSnapshotsMadeFromTheSourcesOnTheClasspath() {
        // process-classes ran the generator; without this set every JVM would generate the snapshots again
        List<IBaseResource> shipped = UkCoreSnapshots.shipped(CTX).orElseThrow();
        List<IBaseResource> sources = UkCoreSnapshots.sources(CTX);
        assertThat(shipped).extracting(UkCoreSnapshotsTest::url).containsExactlyElementsOf(
                sources.stream().map(UkCoreSnapshotsTest::url).toList());
        List<StructureDefinition> profiles = shipped.stream().filter(StructureDefinition.class::isInstance)
                .map(StructureDefinition.class::cast).toList();
        assertThat(profiles).hasSizeGreaterThan(150);
        assertThat(profiles.stream().filter(StructureDefinition::hasSnapshot).map(StructureDefinition::getUrl))
                .contains("https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient",
                        "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter",
                        "https://fhir.hl7.org.uk/StructureDefinition/UKCore-MessageHeader",
                        "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Flag",
                        "https://seamless.dev/fhir/StructureDefinition/planned-discharge-date",
                        "https://seamless.dev/fhir/StructureDefinition/alert-review-date");
        assertThat(UkCoreValidation.support().fetchStructureDefinition(
                "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient"))
                .isInstanceOfSatisfying(StructureDefinition.class, sd -> assertThat(sd.hasSnapshot()).isTrue());
    }

    @Test
    void shippedSnapshotsEqualFreshlyGeneratedOnes() {
        List<IBaseResource> shipped = UkCoreSnapshots.shipped(CTX).orElseThrow();
        List<IBaseResource> fresh = UkCoreSnapshots.generate(CTX);
        IParser json = CTX.newJsonParser();
        assertThat(shipped).hasSameSizeAs(fresh);
        for (int i = 0; i < fresh.size(); i++) {
            assertThat(json.encodeResourceToString(shipped.get(i)))
                    .as("%s", url(fresh.get(i)))
                    .isEqualTo(json.encodeResourceToString(fresh.get(i)));
        }
    }

    @Test
    void aSetMadeFromOtherSourcesIsNotUsed() {
        ClassLoader stale = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public InputStream getResourceAsStream(String name) {
                if (name.equals(UkCoreSnapshots.FINGERPRINT)) {
                    return new ByteArrayInputStream("0123abcd\n".getBytes(StandardCharsets.UTF_8));
                }
                return super.getResourceAsStream(name);
            }
        };
        assertThat(UkCoreSnapshots.shipped(CTX, stale)).isEmpty();
        ClassLoader missing = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public InputStream getResourceAsStream(String name) {
                return name.startsWith("conformance/generated/") ? null : super.getResourceAsStream(name);
            }
        };
        assertThat(UkCoreSnapshots.shipped(CTX, missing)).isEmpty();
    }

    private static String url(IBaseResource r) {
        return CTX.newTerser().getSinglePrimitiveValueOrNull(r, "url");
    }
}
