package org.seamless.mappings.itk;

/** ITK addressing conventions: organisation addresses and identities built from ODS codes. */
public final class ItkAddresses {
    /** ITK namespace of the envelope and the SOAP messages. */
    public static final String NAMESPACE = "urn:nhs-itk:ns:201005";
    public static final String ODS_ADDRESS_PREFIX = org.seamless.mappings.message.FhirUrls.ODS_ENDPOINT_PREFIX;
    public static final String ODS_IDENTITY_PREFIX = "urn:nhs-uk:identity:ods:";
    /** Address of an agency that has no ODS code in the registry (Seamless's own scheme). */
    public static final String AGENCY_ADDRESS_PREFIX = "urn:seamless:addressing:agency:";
    /** Handling specification key: the interaction the payload belongs to. */
    public static final String HANDLING_INTERACTION = "urn:nhs-itk:ns:201005:interaction";
    /** Handling specification key: whether the sender asks for an infrastructure acknowledgement. */
    public static final String HANDLING_ACK_REQUESTED = "urn:nhs-itk:ns:201005:ackrequested";

    private ItkAddresses() {
    }

    /** The ITK address of an agency: by ODS code when it has one, else by its Seamless id. */
    public static String agency(String odsCode, String agencyId) {
        return odsCode == null || odsCode.isBlank() ? AGENCY_ADDRESS_PREFIX + agencyId : ODS_ADDRESS_PREFIX + odsCode.strip();
    }

    public static String odsIdentity(String odsCode) {
        return ODS_IDENTITY_PREFIX + odsCode;
    }
}
