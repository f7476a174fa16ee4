package org.seamless.privacy.consent;

import java.util.Optional;

/** Finds the Seamless agency id of an organisation by its ODS code; wired by the hub from the agency registry. */
@FunctionalInterface
public interface AgencyDirectory {
    /** The FHIR identifier system of ODS organisation codes. */
    String ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";

    Optional<String> agencyIdForOdsCode(String odsCode);
}
