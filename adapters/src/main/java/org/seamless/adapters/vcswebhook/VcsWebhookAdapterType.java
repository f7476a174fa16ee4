package org.seamless.adapters.vcswebhook;

import java.util.List;
import java.util.Set;
import org.apache.camel.RoutesBuilder;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.BuiltInAdapterType;
import org.seamless.adapters.spi.EdgeContext;
import org.seamless.adapters.spi.Edges;
import org.seamless.adapters.spi.ParameterSpec;
import org.seamless.adapters.vcswebhook.api.VcsApiServlet;
import org.seamless.mappings.canonical.AgencyKind;

/** Voluntary organisations: a JSON API in, signed webhooks out. */
public class VcsWebhookAdapterType extends BuiltInAdapterType {
    public static final String NAME = "vcs-webhook";
    public static final String WEBHOOK_URL = "webhook-url";
    public static final String WEBHOOK_SECRET = "webhook-secret";
    public static final String TIMEOUT_MS = "timeout-ms";
    /** While a secret is rotated: the previous secret, which signs beside the new one (ADR 0049). */
    public static final String WEBHOOK_SECRET_PREVIOUS = "webhook-secret-previous";
    /** {@code true}: send the pre-Standard-Webhooks {@code Seamless-*} headers as well, for one release (ADR 0049). */
    public static final String LEGACY_SIGNATURE = "webhook-legacy-signature";
    /** {@code true}: referrals without an NHS number are traced in PDS, numbers given are verified (ADR 0079). */
    public static final String PDS_TRACE = "pds-trace";

    public VcsWebhookAdapterType() {
        super(NAME, "JSON API and signed webhooks for a voluntary organisation",
                Set.of(Direction.SOURCE, Direction.SINK), Set.of(AgencyKind.VOLUNTARY_ORG), List.of(
                        ParameterSpec.optional(WEBHOOK_URL, "URL that receives webhooks; omit if the org polls", null),
                        ParameterSpec.secret(WEBHOOK_SECRET, "Standard Webhooks secret that signs webhooks"
                                + " (whsec_<base64>, or text used as UTF-8 bytes)", true),
                        ParameterSpec.secret(WEBHOOK_SECRET_PREVIOUS, "while the secret is rotated, the previous one,"
                                + " which signs as well", false),
                        ParameterSpec.optional(LEGACY_SIGNATURE, "true: also send the Seamless-Signature headers of"
                                + " earlier releases (for one release)", "false"),
                        ParameterSpec.optional(TIMEOUT_MS, "timeout of a webhook call, in milliseconds", "10000"),
                        ParameterSpec.optional(PDS_TRACE, "true: referrals without an NHS number are traced in PDS"
                                + " (family name and birth date required), numbers given are verified; needs"
                                + " seamless.pds.base-url", "false")));
    }

    /** The webhook sink, when the organisation has a webhook URL. */
    @Override
    public java.util.Optional<org.seamless.adapters.spi.Sink> sink(AgencyConfig agency, AdapterContext context,
                                                                   org.apache.camel.CamelContext camel) {
        return agency.adapter().param(WEBHOOK_URL).isPresent()
                ? java.util.Optional.of(new WebhookSink(agency, context)) : java.util.Optional.empty();
    }

    /**
     * The voluntary-sector JSON API ({@link VcsApiServlet}): referrals, outcomes, the organisation's own
     * referrals and its pull inbox, on the hub's {@link org.seamless.adapters.vcswebhook.api.VcsHub}.
     */
    @Override
    public void edges(EdgeContext context, Edges edges) {
        edges.servlet(VcsApiServlet.NAME, VcsApiServlet.URL_PATTERNS, new VcsApiServlet(context));
    }

    /** Whether the organisation's referrals are traced in PDS ({@value #PDS_TRACE}). */
    public static boolean pdsTrace(AgencyConfig agency) {
        return Boolean.parseBoolean(agency.adapter().param(PDS_TRACE).orElse("false"));
    }

    /** The pull inbox when the organisation has no webhook URL (it fetches instead). */
    @Override
    public List<RoutesBuilder> routes(AgencyConfig agency, AdapterContext context) {
        if (pdsTrace(agency) && context.pds() == null) {
            throw new IllegalArgumentException("pds-trace is true but PDS is not configured (seamless.pds.base-url)");
        }
        return agency.adapter().param(WEBHOOK_URL).isPresent()
                ? List.of() : List.of(new PullInboxRoute(agency, context));
    }
}
