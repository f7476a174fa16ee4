package org.seamless.adapters.nhsfhir;

import java.util.List;
import java.util.Set;
import org.apache.camel.RoutesBuilder;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.BuiltInAdapterType;
import org.seamless.adapters.spi.ParameterSpec;
import org.seamless.mappings.canonical.AgencyKind;

/** NHS trust systems speaking FHIR R4 messaging: {@code $process-message} in, FHIR pushes out. */
public class NhsFhirAdapterType extends BuiltInAdapterType {
    public static final String NAME = "nhs-fhir";
    public static final String ENDPOINT = "endpoint";
    public static final String HOST_LOCAL_AUTHORITY = "host-local-authority";
    public static final String MAX_MESSAGE_BYTES = "max-message-bytes";
    public static final String AUTH_TOKEN = "auth-token";
    public static final String TIMEOUT_MS = "timeout-ms";
    public static final String ALERT_SUBSCRIPTIONS = "alert-subscriptions";
    public static final String ALERT_SETTINGS = "alert-settings";

    public NhsFhirAdapterType() {
        super(NAME, "FHIR R4 messaging with an NHS trust", Set.of(Direction.SOURCE, Direction.SINK),
                Set.of(AgencyKind.NHS_TRUST), List.of(
                        ParameterSpec.required(ENDPOINT, "base URL of the trust's FHIR server that receives responses and alerts"),
                        ParameterSpec.optional(HOST_LOCAL_AUTHORITY,
                                "agency id of the local authority used when a patient's residence cannot be resolved", null),
                        ParameterSpec.optional(MAX_MESSAGE_BYTES, "largest message accepted, in bytes", "1048576"),
                        ParameterSpec.secret(AUTH_TOKEN,
                                "bearer token Seamless presents to the trust's FHIR server; omit if it needs none", false),
                        ParameterSpec.optional(TIMEOUT_MS, "timeout of a push to the trust's FHIR server, in milliseconds",
                                "10000"),
                        ParameterSpec.optional(ALERT_SUBSCRIPTIONS, "comma-separated agency ids of the local authorities"
                                + " whose social care alerts are pushed to this trust as Flags (* for all)", null),
                        ParameterSpec.optional(ALERT_SETTINGS, "the clinical setting this agency's credentials stand for when"
                                + " it pulls flags: id|name|silent-read (silent-read true: no access notification to"
                                + " the LA, e.g. sexual health services); default <agency id>|<agency name>|false."
                                + " A trust with several settings registers one agency per setting (ADR 0017)", null)));
    }

    @Override
    public List<RoutesBuilder> routes(AgencyConfig agency, AdapterContext context) {
        return List.of(new NhsFhirSinkRoute(agency, context));
    }
}
