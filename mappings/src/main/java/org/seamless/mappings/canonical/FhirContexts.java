package org.seamless.mappings.canonical;

import ca.uhn.fhir.context.FhirContext;

/** The one shared R4 {@link FhirContext}: creating one is expensive, sharing it is thread-safe. */
public final class FhirContexts {
    private FhirContexts() {
    }

    public static FhirContext r4() {
        return FhirContext.forR4Cached();
    }
}
