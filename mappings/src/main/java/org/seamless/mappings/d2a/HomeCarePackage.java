package org.seamless.mappings.d2a;

import java.util.Objects;
import java.util.Optional;
import org.seamless.mappings.canonical.SeamlessEvent;

/**
 * A home-care package as the council recorded it in a {@code d2a-care-in-place} answer (ADR 0063): whose
 * package it is (the council), the council's package id, and the provider's Seamless agency id. Nothing
 * about the person: the hub keeps it under a pseudonymous reference.
 */
public record HomeCarePackage(String councilAgencyId, String packageId, String providerAgencyId) {
    public HomeCarePackage {
        Objects.requireNonNull(councilAgencyId, "councilAgencyId");
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(providerAgencyId, "providerAgencyId");
    }

    /**
     * The home-care package a care-in-place answer records, if it records one the hub can act on: type
     * {@code home-care} with a provider registered on Seamless (its agency id). Empty for any other answer.
     */
    public static Optional<HomeCarePackage> of(D2aAnswer answer, String councilAgencyId) {
        if (answer.event() != SeamlessEvent.D2A_CARE_IN_PLACE || answer.packageType() != D2aCodes.PackageType.HOME_CARE
                || answer.providerAgencyId() == null || answer.providerAgencyId().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new HomeCarePackage(councilAgencyId, answer.packageId(), answer.providerAgencyId()));
    }

    /**
     * Whether a care-in-place message reports the package as ended: its EpisodeOfCare is finished or
     * cancelled, or has a period end. The hub then forgets the package (nothing is suspended any more).
     */
    public static boolean ended(org.hl7.fhir.r4.model.Bundle message) {
        return org.seamless.mappings.message.MessageBundles.first(message, org.hl7.fhir.r4.model.EpisodeOfCare.class)
                .map(e -> e.getStatus() == org.hl7.fhir.r4.model.EpisodeOfCare.EpisodeOfCareStatus.FINISHED
                        || e.getStatus() == org.hl7.fhir.r4.model.EpisodeOfCare.EpisodeOfCareStatus.CANCELLED
                        || e.getPeriod().hasEnd())
                .orElse(false);
    }
}
