package org.seamless.mappings.canonical;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.seamless.mappings.message.FhirUrls;

/**
 * Marks the NHS number of a message's Patient with the UK Core verification status extension
 * ({@code Extension-UKCore-NHSNumberVerificationStatus}, England code system): {@code 01} "Number present and
 * verified" once PDS has verified, traced or replaced it (ADR 0079).
 */
public final class NhsNumberVerification {
    public static final String VERIFIED = "01";
    public static final String VERIFIED_DISPLAY = "Number present and verified";

    private NhsNumberVerification() {
    }

    /** Sets the status on every NHS number identifier of every Patient in {@code message} (replacing one there). */
    public static void markVerified(Bundle message) {
        for (Bundle.BundleEntryComponent e : message.getEntry()) {
            if (e.getResource() instanceof Patient p) {
                for (Identifier i : p.getIdentifier()) {
                    if (NhsNumber.SYSTEM.equals(i.getSystem())) {
                        i.getExtension().removeIf(x -> FhirUrls.NHS_NUMBER_VERIFICATION_STATUS.equals(x.getUrl()));
                        i.addExtension(FhirUrls.NHS_NUMBER_VERIFICATION_STATUS, new CodeableConcept(new Coding(
                                FhirUrls.NHS_NUMBER_VERIFICATION_STATUS_ENGLAND, VERIFIED, VERIFIED_DISPLAY)));
                    }
                }
            }
        }
    }
}
