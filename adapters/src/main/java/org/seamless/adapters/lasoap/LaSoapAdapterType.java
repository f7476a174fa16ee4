package org.seamless.adapters.lasoap;

import java.util.List;
import java.util.Set;
import org.apache.camel.RoutesBuilder;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.BuiltInAdapterType;
import org.seamless.adapters.spi.ParameterSpec;
import org.seamless.mappings.canonical.AgencyKind;

/** Local authority case systems with an NHS ITK 2 SOAP web service. */
public class LaSoapAdapterType extends BuiltInAdapterType {
    public static final String NAME = "la-soap";
    public static final String ENDPOINT = "endpoint";
    public static final String TIMEOUT_MS = "timeout-ms";
    public static final String TRUST_STORE = "trust-store";
    public static final String TRUST_STORE_PASSWORD = "trust-store-password";

    public LaSoapAdapterType() {
        super(NAME, "NHS ITK 2 SOAP web service of a local authority case system",
                Set.of(Direction.SOURCE, Direction.SINK), Set.of(AgencyKind.LOCAL_AUTHORITY), List.of(
                        ParameterSpec.required(ENDPOINT, "URL of the LA's ITK SOAP endpoint (SOAP 1.1 sendRecv); "
                                + "{{...}} placeholders are resolved when the first notice is sent"),
                        ParameterSpec.optional(TIMEOUT_MS, "SOAP call timeout in milliseconds", "10000"),
                        ParameterSpec.optional(TRUST_STORE,
                                "PKCS12 or JKS trust store for an https endpoint (default: the JVM's trusted CAs)", null),
                        ParameterSpec.secret(TRUST_STORE_PASSWORD, "password of the trust store", false),
                        ParameterSpec.optional(org.seamless.adapters.registry.D2aOutput.PARAM,
                                org.seamless.adapters.registry.D2aOutput.DESCRIPTION, "events")));
    }

    @Override
    public List<RoutesBuilder> routes(AgencyConfig agency, AdapterContext context) {
        return List.of(new LaSoapSinkRoute(agency, context));
    }
}
