package org.seamless.adapters.mesh;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.BuiltInAdapterType;
import org.seamless.adapters.spi.ParameterSpec;
import org.seamless.adapters.spi.Sink;
import org.seamless.mappings.canonical.AgencyKind;

/**
 * NHS MESH (Message Exchange for Social Care and Health, API v2; ADR 0077): released messages go to the
 * agency's MESH mailbox, the agency's messages are collected from Seamless's own inbox, and MESH's
 * non-delivery reports and 5-day expiry become delivery failures ({@code undeliverable}).
 */
public class MeshAdapterType extends BuiltInAdapterType {
    public static final String NAME = "mesh";
    public static final String BASE_URL = "base-url";
    public static final String MAILBOX = "mailbox";
    public static final String OWN_MAILBOX = "own-mailbox";
    public static final String OWN_MAILBOX_PASSWORD = "own-mailbox-password";
    public static final String SHARED_SECRET = "shared-secret";
    public static final String KEY_STORE = "key-store";
    public static final String KEY_STORE_PASSWORD = "key-store-password";
    public static final String TRUST_STORE = "trust-store";
    public static final String TRUST_STORE_PASSWORD = "trust-store-password";
    public static final String WORKFLOW_IDS = "workflow-ids";
    public static final String POLL_INTERVAL_MS = "poll-interval-ms";
    public static final String CHUNK_SIZE_BYTES = "chunk-size-bytes";
    public static final String TIMEOUT_MS = "timeout-ms";

    public MeshAdapterType() {
        super(NAME, "NHS MESH mailbox (MESH API v2): send, collect, acknowledge and track",
                Set.of(Direction.SOURCE, Direction.SINK), Set.of(AgencyKind.LOCAL_AUTHORITY, AgencyKind.NHS_TRUST),
                List.of(
                        ParameterSpec.required(BASE_URL, "MESH API base URL (paths /messageexchange/... below it)"),
                        ParameterSpec.required(MAILBOX, "the agency's MESH mailbox id (mex-to of what it is sent,"
                                + " mex-from of what it sends)"),
                        ParameterSpec.required(OWN_MAILBOX, "Seamless's own MESH mailbox id for this agency"),
                        ParameterSpec.secret(OWN_MAILBOX_PASSWORD, "password of Seamless's mailbox", true),
                        ParameterSpec.secret(SHARED_SECRET, "the MESH environment's shared secret (NHSMESH"
                                + " authorisation header)", true),
                        ParameterSpec.optional(KEY_STORE, "PKCS12 key store with the mailbox's client key and"
                                + " certificate (mutual TLS); required for an https base URL", null),
                        ParameterSpec.secret(KEY_STORE_PASSWORD, "password of the key store", false),
                        ParameterSpec.optional(TRUST_STORE, "PKCS12 trust store with MESH's CA (default: the"
                                + " JVM's trusted CAs)", null),
                        ParameterSpec.secret(TRUST_STORE_PASSWORD, "password of the trust store", false),
                        ParameterSpec.required(WORKFLOW_IDS, "MESH workflow id per event code, e.g."
                                + " 'discharge-notice=SEAMLESS_CARE_ACT_NOTICE, *=SEAMLESS_MESSAGE'"),
                        ParameterSpec.optional(POLL_INTERVAL_MS, "how often the inbox and the tracking of sent"
                                + " messages are polled, in milliseconds", "300000"),
                        ParameterSpec.optional(CHUNK_SIZE_BYTES, "largest chunk sent in one request; larger"
                                + " messages are sent chunked", "20000000"),
                        ParameterSpec.optional(TIMEOUT_MS, "timeout of one MESH request, in milliseconds",
                                "30000")));
    }

    @Override
    public Optional<Sink> sink(AgencyConfig agency, AdapterContext context, CamelContext camel) {
        return Optional.of(new MeshSink(agency, MeshSettings.of(agency), context));
    }

    /** The agency's inbox poll: collects its messages and reports, and tracks what was sent to it. */
    @Override
    public List<RoutesBuilder> routes(AgencyConfig agency, AdapterContext context) {
        return List.of(new MeshPollRoute(agency, MeshSettings.of(agency), context));
    }
}
