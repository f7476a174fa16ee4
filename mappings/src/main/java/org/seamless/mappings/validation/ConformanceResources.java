package org.seamless.mappings.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Loads the conformance resources vendored on the classpath: the UK Core set listed in
 * {@value #UKCORE_INDEX} (a jar cannot be listed, so the index names every file) and
 * Seamless's own definitions.
 */
public final class ConformanceResources {
    /** One path per line, relative to {@value #UKCORE_ROOT}. */
    public static final String UKCORE_INDEX = "conformance/ukcore/index.txt";
    public static final String UKCORE_ROOT = "conformance/ukcore/";
    /** Seamless's own conformance resources (JSON). */
    public static final List<String> SEAMLESS = List.of("fhir/CodeSystem-seamless-event.json",
            "fhir/StructureDefinition-planned-discharge-date.json", "fhir/CodeSystem-seamless-alert-type.json",
            "fhir/StructureDefinition-alert-review-date.json",
            // discharge to assess (ADR 0060)
            "fhir/CodeSystem-d2a-pathway.json", "fhir/CodeSystem-discharge-delay-reason.json",
            "fhir/CodeSystem-d2a-assessment-outcome.json", "fhir/CodeSystem-care-package-type.json",
            "fhir/StructureDefinition-discharge-ready-date.json",
            "fhir/StructureDefinition-discharge-delay-reason.json",
            "fhir/StructureDefinition-unpaid-carer-involved.json");

    private ConformanceResources() {
    }

    /** The paths listed in the UK Core index. */
    public static List<String> ukCorePaths() {
        List<String> paths = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(UKCORE_INDEX), StandardCharsets.UTF_8))) {
            reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(paths::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return paths;
    }

    /** Every vendored UK Core StructureDefinition, ValueSet and CodeSystem, parsed. */
    public static List<IBaseResource> ukCore(FhirContext ctx) {
        IParser xml = ctx.newXmlParser();
        return ukCorePaths().stream().map(p -> parse(xml, UKCORE_ROOT + p)).toList();
    }

    /** Seamless's own conformance resources, parsed. */
    public static List<IBaseResource> seamless(FhirContext ctx) {
        IParser json = ctx.newJsonParser();
        return SEAMLESS.stream().map(p -> parse(json, p)).toList();
    }

    private static IBaseResource parse(IParser parser, String path) {
        try (InputStream in = open(path)) {
            return parser.parseResource(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static InputStream open(String path) {
        InputStream in = ConformanceResources.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("conformance resource missing from the classpath: " + path);
        }
        return in;
    }
}
