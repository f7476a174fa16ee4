package org.seamless.adapters.nhsfhir;

import java.util.List;
import java.util.Set;
import org.seamless.adapters.spi.BuiltInAdapterType;
import org.seamless.adapters.spi.ParameterSpec;
import org.seamless.mappings.canonical.AgencyKind;

/** NHS trust systems speaking FHIR R4 messaging: {@code $process-message} in, FHIR pushes out. */
public class NhsFhirAdapterType extends BuiltInAdapterType {
    public static final String NAME = "nhs-fhir";
    public static final String ENDPOINT = "endpoint";
    public static final String HOST_LOCAL_AUTHORITY = "host-local-authority";
    public static final String MAX_MESSAGE_BYTES = "max-message-bytes";

    public NhsFhirAdapterType() {
        super(NAME, "FHIR R4 messaging with an NHS trust", Set.of(Direction.SOURCE, Direction.SINK),
                Set.of(AgencyKind.NHS_TRUST), List.of(
                        ParameterSpec.required(ENDPOINT, "base URL of the trust's FHIR server that receives responses and alerts"),
                        ParameterSpec.optional(HOST_LOCAL_AUTHORITY,
                                "agency id of the local authority used when a patient's residence cannot be resolved", null),
                        ParameterSpec.optional(MAX_MESSAGE_BYTES, "largest message accepted, in bytes", "1048576")));
    }
}
