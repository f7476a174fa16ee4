package org.seamless.mappings.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.seamless.mappings.canonical.FhirContexts;

/**
 * One shared, lazily built HAPI {@link FhirValidator} for R4 + UK Core: base definitions, the
 * vendored UK Core set and Seamless's CodeSystem (with the snapshots generated at build time,
 * {@link UkCoreSnapshots}), snapshot generation, in-memory terminology and
 * the common code systems (UCUM, languages, ...). No network: codes from SNOMED CT and other
 * external systems cannot be checked and are reported as warnings or information, not errors.
 *
 * <p>Caching: HAPI 8 deprecated {@code CachingValidationSupport} (for removal); the
 * {@link ValidationSupportChain} caches by itself, configured here with
 * {@link ValidationSupportChain.CacheConfiguration#defaultValues()}.
 */
public final class UkCoreValidation {
    private UkCoreValidation() {
    }

    /** The shared validator (thread-safe). The first call loads and snapshots the profiles: seconds, not millis. */
    public static FhirValidator validator() {
        return Holder.VALIDATOR;
    }

    /** The shared validation support chain (also usable for snapshot or terminology look-ups). */
    public static IValidationSupport support() {
        return Holder.CHAIN;
    }

    /** Validates a resource against its base definition and any profiles named in {@code meta.profile}. */
    public static ValidationResult validate(IBaseResource resource) {
        return validator().validateWithResult(resource);
    }

    /** The support chain over the given conformance resources (the vendored set, {@link UkCoreSnapshots#vendored}). */
    static ValidationSupportChain buildChain(FhirContext ctx, List<IBaseResource> conformance) {
        PrePopulatedValidationSupport vendored = new PrePopulatedValidationSupport(ctx);
        conformance.forEach(vendored::addResource);
        return new ValidationSupportChain(ValidationSupportChain.CacheConfiguration.defaultValues(),
                new DefaultProfileValidationSupport(ctx),
                vendored,
                new SnapshotGeneratingValidationSupport(ctx),
                new InMemoryTerminologyServerValidationSupport(ctx),
                new CommonCodeSystemsTerminologyService(ctx));
    }

    static FhirValidator buildValidator(FhirContext ctx, IValidationSupport chain) {
        FhirInstanceValidator module = new FhirInstanceValidator(chain);
        FhirValidator validator = ctx.newValidator();
        validator.registerValidatorModule(module);
        return validator;
    }

    private static final class Holder {
        // why: with the snapshots generated at build time, no JVM generates them again (ADR 0059)
        static final ValidationSupportChain CHAIN = buildChain(FhirContexts.r4(), UkCoreSnapshots.vendored(FhirContexts.r4()));
        static final FhirValidator VALIDATOR = buildValidator(FhirContexts.r4(), CHAIN);
    }
}
