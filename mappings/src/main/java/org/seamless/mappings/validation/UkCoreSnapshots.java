package org.seamless.mappings.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.util.VersionUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * The vendored conformance resources (UK Core and Seamless's own) with the snapshots of their
 * StructureDefinitions generated at build time, so that no process generates them again: the build
 * runs {@link #main} after compiling the mappings module and ships the result in its jar
 * ({@value #BUNDLE}, with the {@value #FINGERPRINT} of the sources it was made from). HAPI would
 * otherwise generate each profile's snapshot in every JVM on its first validation (ADR 0059).
 *
 * <p>The shipped set is used only while its fingerprint (the HAPI version and every vendored source
 * file's bytes) matches the classpath; otherwise, e.g. after the vendored files changed without a
 * build of this module, {@link #vendored} returns the sources and HAPI generates the snapshots at run
 * time as before. {@code UkCoreSnapshotsTest} proves the shipped snapshots equal fresh ones.
 */
public final class UkCoreSnapshots {
    /** The vendored resources with snapshots, a JSON collection Bundle on the classpath. */
    public static final String BUNDLE = "conformance/generated/ukcore-with-snapshots.json";
    /** The fingerprint of the sources {@link #BUNDLE} was generated from, one line. */
    public static final String FINGERPRINT = "conformance/generated/ukcore-with-snapshots.sha256";

    private UkCoreSnapshots() {
    }

    /**
     * Every vendored conformance resource: the build-time set with snapshots when it matches the
     * sources on the classpath, otherwise the sources as vendored (snapshots generated on use).
     */
    public static List<IBaseResource> vendored(FhirContext ctx) {
        return shipped(ctx).orElseGet(() -> sources(ctx));
    }

    /** The build-time set, when present and made from the sources on the classpath. */
    public static Optional<List<IBaseResource>> shipped(FhirContext ctx) {
        return shipped(ctx, UkCoreSnapshots.class.getClassLoader());
    }

    static Optional<List<IBaseResource>> shipped(FhirContext ctx, ClassLoader loader) {
        Optional<String> recorded = read(loader, FINGERPRINT).map(b -> new String(b, StandardCharsets.UTF_8).strip());
        if (recorded.isEmpty() || !recorded.get().equals(fingerprint(loader))) {
            return Optional.empty();
        }
        try (InputStream in = loader.getResourceAsStream(BUNDLE)) {
            if (in == null) {
                return Optional.empty();
            }
            Bundle bundle = ctx.newJsonParser().parseResource(Bundle.class, new InputStreamReader(in, StandardCharsets.UTF_8));
            List<IBaseResource> resources = new ArrayList<>();
            bundle.getEntry().forEach(e -> resources.add(e.getResource()));
            return Optional.of(resources);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLE, e);
        }
    }

    /** The vendored sources as they are (UK Core, then Seamless's own), StructureDefinitions without snapshots. */
    public static List<IBaseResource> sources(FhirContext ctx) {
        List<IBaseResource> all = new ArrayList<>(ConformanceResources.ukCore(ctx));
        all.addAll(ConformanceResources.seamless(ctx));
        return all;
    }

    /**
     * The sources with every StructureDefinition's snapshot generated the way the validator generates
     * it on first use (HAPI's {@link SnapshotGeneratingValidationSupport} with a worker context over the
     * same support chain).
     * A definition whose snapshot cannot be generated is kept as it is, to fail at run time as before.
     */
    public static List<IBaseResource> generate(FhirContext ctx) {
        List<IBaseResource> sources = sources(ctx);
        ValidationSupportChain chain = UkCoreValidation.buildChain(ctx, sources);
        ValidationSupportContext context = new ValidationSupportContext(chain);
        // why one worker context: as in the validator, which generates with itself as the worker context;
        // the chain's own generator makes a new one per profile, converting every definition to R5 each time
        SnapshotGeneratingValidationSupport generator = new SnapshotGeneratingValidationSupport(ctx,
                new WorkerContextValidationSupportAdapter(chain));
        List<IBaseResource> out = new ArrayList<>();
        for (IBaseResource r : sources) {
            if (r instanceof StructureDefinition sd && !sd.hasSnapshot()) {
                IBaseResource generated = null;
                try {
                    generated = generator.generateSnapshot(context, sd.copy(), "", null, "");
                } catch (RuntimeException e) {
                    // kept without a snapshot: the validator tries again, and fails the same way, on use
                }
                out.add(generated instanceof StructureDefinition g && g.hasSnapshot() ? g : sd);
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** SHA-256 over the HAPI version and every vendored source file (path and bytes), in index order. */
    public static String fingerprint() {
        return fingerprint(UkCoreSnapshots.class.getClassLoader());
    }

    static String fingerprint(ClassLoader loader) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("hapi " + VersionUtil.getVersion() + "\n").getBytes(StandardCharsets.UTF_8));
            List<String> paths = new ArrayList<>();
            ConformanceResources.ukCorePaths().forEach(p -> paths.add(ConformanceResources.UKCORE_ROOT + p));
            paths.addAll(ConformanceResources.SEAMLESS);
            for (String path : paths) {
                sha.update((path + "\n").getBytes(StandardCharsets.UTF_8));
                sha.update(read(loader, path).orElseThrow(() -> new IllegalStateException(
                        "conformance resource missing from the classpath: " + path)));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the set with snapshots and its fingerprint under {@code outputDirectory} (a classes directory). */
    public static void write(FhirContext ctx, Path outputDirectory) throws IOException {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        generate(ctx).forEach(r -> bundle.addEntry().setResource((org.hl7.fhir.r4.model.Resource) r));
        Path json = outputDirectory.resolve(BUNDLE);
        Files.createDirectories(json.getParent());
        Files.writeString(json, ctx.newJsonParser().encodeResourceToString(bundle), StandardCharsets.UTF_8);
        Files.writeString(outputDirectory.resolve(FINGERPRINT), fingerprint() + "\n", StandardCharsets.UTF_8);
    }

    /** Build step: {@code UkCoreSnapshots <classes directory>}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: UkCoreSnapshots <classes directory>");
        }
        Path classes = Path.of(args[0]);
        Path recorded = classes.resolve(FINGERPRINT);
        if (Files.isRegularFile(recorded) && Files.isRegularFile(classes.resolve(BUNDLE))
                && Files.readString(recorded, StandardCharsets.UTF_8).strip().equals(fingerprint())) {
            return; // up to date: made from these very sources
        }
        write(FhirContext.forR4Cached(), classes);
    }

    private static Optional<byte[]> read(ClassLoader loader, String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
