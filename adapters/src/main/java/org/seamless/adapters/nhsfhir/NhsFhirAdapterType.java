package org.seamless.adapters.nhsfhir;

import java.util.List;
import java.util.Set;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.BuiltInAdapterType;
import org.seamless.adapters.spi.ParameterSpec;
import org.seamless.mappings.canonical.AgencyKind;

/** NHS trust systems speaking FHIR R4 messaging: {@code $process-message} in, FHIR pushes out. */
public class NhsFhirAdapterType extends BuiltInAdapterType {
    public static final String NAME = "nhs-fhir";
    public static final String ENDPOINT = "endpoint";
    /** @deprecated agency policy: registry {@code policy.host-local-authority} (ADR 0068). */
    @Deprecated
    public static final String HOST_LOCAL_AUTHORITY = "host-local-authority";
    public static final String MAX_MESSAGE_BYTES = "max-message-bytes";
    public static final String AUTH_TOKEN = "auth-token";
    public static final String TIMEOUT_MS = "timeout-ms";
    /** @deprecated agency policy: registry {@code policy.alert-subscriptions} (ADR 0068). */
    @Deprecated
    public static final String ALERT_SUBSCRIPTIONS = "alert-subscriptions";
    /** @deprecated agency policy: registry {@code policy.alert-settings} (ADR 0068). */
    @Deprecated
    public static final String ALERT_SETTINGS = "alert-settings";

    public NhsFhirAdapterType() {
        super(NAME, "FHIR R4 messaging with an NHS trust", Set.of(Direction.SOURCE, Direction.SINK),
                Set.of(AgencyKind.NHS_TRUST), List.of(
                        ParameterSpec.required(ENDPOINT, "base URL of the trust's FHIR server that receives responses and alerts"),
                        ParameterSpec.optional(HOST_LOCAL_AUTHORITY,
                                "deprecated: write policy.host-local-authority (ADR 0068); still read, with a warning", null),
                        ParameterSpec.optional(MAX_MESSAGE_BYTES, "largest message accepted, in bytes", "1048576"),
                        ParameterSpec.secret(AUTH_TOKEN,
                                "bearer token Seamless presents to the trust's FHIR server; omit if it needs none", false),
                        ParameterSpec.optional(TIMEOUT_MS, "timeout of a push to the trust's FHIR server, in milliseconds",
                                "10000"),
                        ParameterSpec.optional(ALERT_SUBSCRIPTIONS, "deprecated: write policy.alert-subscriptions"
                                + " (ADR 0068); still read, with a warning", null),
                        ParameterSpec.optional(ALERT_SETTINGS, "deprecated: write policy.alert-settings (ADR 0068);"
                                + " still read, with a warning", null)));
    }

    /**
     * The trusts' inbound edge: {@code $process-message} on the hub's FHIR server
     * ({@code seamless.fhir.base-path}, /fhir), answering as {@code seamless.fhir.public-url}.
     */
    @Override
    public void edges(org.seamless.adapters.spi.EdgeContext context, org.seamless.adapters.spi.Edges edges) {
        edges.fhirProvider(new ProcessMessageProvider(context.authenticator(), context.gate(), context.rejected(),
                context.property("seamless.fhir.public-url", "urn:seamless:hub"),
                context.service(org.seamless.mappings.validation.ProfiledMessageValidator.class)));
    }

    @Override
    public java.util.Optional<org.seamless.adapters.spi.Sink> sink(AgencyConfig agency, AdapterContext context,
                                                                   org.apache.camel.CamelContext camel) {
        return java.util.Optional.of(new NhsFhirSink(agency, context));
    }
}
