package org.seamless.adapters.lasoap;

import java.util.List;
import java.util.Set;
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
    /** {@code true}: the NHS number of each ITK alert is verified in PDS before it is sent on (ADR 0079). */
    public static final String PDS_TRACE = "pds-trace";
    /** Where the ITK answer-back service is published on the SOAP servlet: property and default. */
    public static final String ANSWERS_PATH_PROPERTY = "seamless.itk.answers-path";
    public static final String ANSWERS_PATH_DEFAULT = "/itk/answers";
    /** Where the ITK social care alert service is published on the SOAP servlet: property and default. */
    public static final String ALERTS_PATH_PROPERTY = "seamless.itk.alerts-path";
    public static final String ALERTS_PATH_DEFAULT = "/itk/alerts";

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
                                org.seamless.adapters.registry.D2aOutput.DESCRIPTION, null),
                        ParameterSpec.optional(PDS_TRACE, "true: the NHS number of each ITK alert is verified in PDS"
                                + " (superseded: replaced; not held by PDS: refused and held); needs"
                                + " seamless.pds.base-url", "false")));
    }

    /** Whether the LA's ITK alerts have their NHS number verified in PDS ({@value #PDS_TRACE}). */
    public static boolean pdsTrace(AgencyConfig agency) {
        return Boolean.parseBoolean(agency.adapter().param(PDS_TRACE).orElse("false"));
    }

    /** No routes of its own; refuses to start an agency with {@value #PDS_TRACE} when PDS is not configured. */
    @Override
    public List<org.apache.camel.RoutesBuilder> routes(AgencyConfig agency, AdapterContext context) {
        if (pdsTrace(agency) && context.pds() == null) {
            throw new IllegalArgumentException("pds-trace is true but PDS is not configured (seamless.pds.base-url)");
        }
        return List.of();
    }

    /**
     * The local authorities' ITK services on the SOAP servlet ({@code cxf.path}, /soap): answers to
     * notices at {@code seamless.itk.answers-path} (/soap/itk/answers) and social care alerts at
     * {@code seamless.itk.alerts-path} (/soap/itk/alerts).
     */
    @Override
    public void edges(org.seamless.adapters.spi.EdgeContext context, org.seamless.adapters.spi.Edges edges) {
        edges.soapService(context.property(ALERTS_PATH_PROPERTY, ALERTS_PATH_DEFAULT),
                new ItkAlertService(context.authenticator(), context.gate(), context.rejected(), context.clock(),
                        () -> pdsOf(context)));
        edges.soapService(context.property(ANSWERS_PATH_PROPERTY, ANSWERS_PATH_DEFAULT),
                new ItkAnswerService(context.authenticator(), context.gate(), context.rejected()));
    }

    /** The runtime's PDS tracing, or null when PDS is not configured (the service lookup fails then). */
    static org.seamless.adapters.pds.PdsTracing pdsOf(org.seamless.adapters.spi.EdgeContext context) {
        try {
            return context.service(org.seamless.adapters.pds.PdsTracing.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public java.util.Optional<org.seamless.adapters.spi.Sink> sink(AgencyConfig agency, AdapterContext context,
                                                                   org.apache.camel.CamelContext camel) {
        return java.util.Optional.of(new LaSoapSink(agency, context, camel));
    }
}
