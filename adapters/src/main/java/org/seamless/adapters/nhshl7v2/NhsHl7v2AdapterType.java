package org.seamless.adapters.nhshl7v2;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SSLContextServerParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.BuiltInAdapterType;
import org.seamless.adapters.spi.ParameterSpec;
import org.seamless.mappings.canonical.AgencyKind;

/**
 * NHS trust patient administration systems sending HL7 v2 ADT over MLLP (ADR 0075): a listener per port
 * (one trust, or several told apart by MSH-4 and, with TLS, the client certificate), ADT events mapped to
 * the Care Act notices by the trust's rules, {@code AA} only after the notice is durable at the gate.
 * Source only: the trust receives nothing back through this type.
 */
public class NhsHl7v2AdapterType extends BuiltInAdapterType {
    public static final String NAME = "nhs-hl7v2";
    public static final String PORT = "port";
    public static final String BIND_ADDRESS = "bind-address";
    public static final String SENDING_FACILITY = "sending-facility";
    public static final String NOTICES = "notices";
    public static final String PATIENT_CLASSES = "notice-patient-classes";
    public static final String WARDS = "notice-wards";
    public static final String SPECIALTIES = "notice-specialties";
    public static final String TLS_KEYSTORE = "tls-keystore";
    public static final String TLS_KEYSTORE_PASSWORD = "tls-keystore-password";
    public static final String TLS_TRUSTSTORE = "tls-truststore";
    public static final String TLS_TRUSTSTORE_PASSWORD = "tls-truststore-password";
    public static final String TLS_CLIENT_SUBJECT = "tls-client-subject";
    public static final String MAX_CONNECTIONS = "max-connections";
    /** {@code true}: a message without an NHS number in PID-3 is traced in PDS, a number given is verified (ADR 0079). */
    public static final String PDS_TRACE = "pds-trace";

    /** Listeners of this runtime by bind address and port; agencies sharing a port share its listener. */
    private final Map<String, AdtReceiver> listeners = new HashMap<>();

    public NhsHl7v2AdapterType() {
        super(NAME, "HL7 v2 ADT over MLLP from an NHS trust's patient administration system", Set.of(Direction.SOURCE),
                Set.of(AgencyKind.NHS_TRUST), List.of(
                        ParameterSpec.required(PORT, "TCP port of the MLLP listener; trusts naming the same port share"
                                + " one listener and are told apart by MSH-4 (and the TLS client certificate)"),
                        ParameterSpec.optional(BIND_ADDRESS, "address the listener binds to", "0.0.0.0"),
                        ParameterSpec.optional(SENDING_FACILITY, "MSH-4 (first component) the trust's system sends;"
                                + " default: the agency's ODS code", null),
                        ParameterSpec.optional(NOTICES, "which ADT trigger raises which notice: TRIGGER=event;..."
                                + " (events: admission-notice, assessment-notice, discharge-notice, withdrawal-notice);"
                                + " triggers not named raise none and are counted as dropped", NoticeRules.DEFAULT_NOTICES),
                        ParameterSpec.optional(PATIENT_CLASSES, "PV1-2 patient classes that raise notices (* for any)",
                                "I"),
                        ParameterSpec.optional(WARDS, "PV1-3.1 wards that raise notices (* for any)", "*"),
                        ParameterSpec.optional(SPECIALTIES, "PV1-10 hospital services that raise notices (* for any)",
                                "*"),
                        ParameterSpec.optional(TLS_KEYSTORE, "PKCS#12 key store with the listener's key and certificate;"
                                + " set: the listener speaks TLS and requires a client certificate", null),
                        ParameterSpec.secret(TLS_KEYSTORE_PASSWORD, "password of tls-keystore", false),
                        ParameterSpec.optional(TLS_TRUSTSTORE, "PKCS#12 trust store of the CAs that issue the trusts'"
                                + " client certificates (required with tls-keystore)", null),
                        ParameterSpec.secret(TLS_TRUSTSTORE_PASSWORD, "password of tls-truststore", false),
                        ParameterSpec.optional(TLS_CLIENT_SUBJECT, "subject (RFC 2253) of the trust's client certificate"
                                + " (required with tls-keystore)", null),
                        ParameterSpec.optional(MAX_CONNECTIONS, "connections the listener serves at once", "5"),
                        ParameterSpec.optional(PDS_TRACE, "true: a message without an NHS number in PID-3 is traced in"
                                + " PDS by PID-5, PID-7, PID-8 and PID-11, a number given is verified; needs"
                                + " seamless.pds.base-url", "false")));
    }

    /**
     * The canonical message id of the notice a trust's message raises: a name-based UUID of the agency and
     * MSH-10, so a repeat of the message is the same notice (ADR 0075).
     */
    public static String messageId(String agencyId, String controlId) {
        return AdtNotices.messageId(agencyId, controlId);
    }

    @Override
    public List<RoutesBuilder> routes(AgencyConfig agency, AdapterContext context) {
        var p = agency.adapter();
        int port = Integer.parseInt(p.requiredParam(PORT).strip());
        String host = p.param(BIND_ADDRESS).orElse("0.0.0.0").strip();
        boolean tls = p.param(TLS_KEYSTORE).filter(s -> !s.isBlank()).isPresent();
        Optional<X500Principal> subject = p.param(TLS_CLIENT_SUBJECT).filter(s -> !s.isBlank()).map(X500Principal::new);
        if (tls && subject.isEmpty()) {
            throw new IllegalStateException("agency " + agency.id() + ": tls-client-subject is required with tls-keystore");
        }
        NoticeRules rules = NoticeRules.parse(p.param(NOTICES).orElse(NoticeRules.DEFAULT_NOTICES),
                p.param(PATIENT_CLASSES).orElse("I"), p.param(WARDS).orElse("*"), p.param(SPECIALTIES).orElse("*"));
        boolean trace = Boolean.parseBoolean(p.param(PDS_TRACE).orElse("false").strip());
        if (trace && context.pds() == null) {
            throw new IllegalArgumentException("pds-trace is true but PDS is not configured (seamless.pds.base-url)");
        }
        AdtReceiver.Sender sender = new AdtReceiver.Sender(agency,
                p.param(SENDING_FACILITY).filter(s -> !s.isBlank()).orElse(agency.odsCode()), subject, rules,
                trace ? context.pds() : null);
        synchronized (listeners) {
            String key = host + ":" + port;
            AdtReceiver existing = listeners.get(key);
            if (existing != null) {
                if (existing.tls() != tls) {
                    throw new IllegalStateException("agency " + agency.id() + ": port " + port
                            + " is shared with agencies that " + (tls ? "do not use" : "use") + " TLS");
                }
                if (existing.senders().stream().anyMatch(s -> s.sendingFacility().equalsIgnoreCase(sender.sendingFacility())
                        && Objects.equals(s.clientSubject(), sender.clientSubject()))) {
                    throw new IllegalStateException("agency " + agency.id() + ": another agency on port " + port
                            + " has the same sending facility" + (tls ? " and client certificate subject" : ""));
                }
                existing.add(sender);
                return List.of();
            }
            AdtReceiver receiver = new AdtReceiver(tls, context.gate(), context.rejected(), Clock.systemUTC());
            receiver.add(sender);
            listeners.put(key, receiver);
            return List.of(new MllpListenerRoute(host, port, tls ? tls(p) : null,
                    Integer.parseInt(p.param(MAX_CONNECTIONS).orElse("5").strip()), receiver));
        }
    }

    private static SSLContextParameters tls(org.seamless.adapters.registry.AdapterConfig p) {
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setResource("file:" + p.requiredParam(TLS_KEYSTORE));
        keyStore.setType("PKCS12");
        keyStore.setPassword(p.param(TLS_KEYSTORE_PASSWORD).orElse(""));
        KeyManagersParameters keys = new KeyManagersParameters();
        keys.setKeyStore(keyStore);
        keys.setKeyPassword(p.param(TLS_KEYSTORE_PASSWORD).orElse(""));
        KeyStoreParameters trustStore = new KeyStoreParameters();
        trustStore.setResource("file:" + p.param(TLS_TRUSTSTORE).orElseThrow(() ->
                new IllegalStateException("tls-truststore is required with tls-keystore")));
        trustStore.setType("PKCS12");
        trustStore.setPassword(p.param(TLS_TRUSTSTORE_PASSWORD).orElse(""));
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(trustStore);
        SSLContextServerParameters server = new SSLContextServerParameters();
        server.setClientAuthentication("REQUIRE"); // why: the certificate identifies the trust with MSH-4
        SSLContextParameters ssl = new SSLContextParameters();
        ssl.setKeyManagers(keys);
        ssl.setTrustManagers(trust);
        ssl.setServerParameters(server);
        ssl.setSecureSocketProtocol("TLSv1.3");
        return ssl;
    }
}
