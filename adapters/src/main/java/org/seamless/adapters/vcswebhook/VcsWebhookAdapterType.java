package org.seamless.adapters.vcswebhook;

import java.util.List;
import java.util.Set;
import org.apache.camel.RoutesBuilder;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.BuiltInAdapterType;
import org.seamless.adapters.spi.ParameterSpec;
import org.seamless.mappings.canonical.AgencyKind;

/** Voluntary organisations: a JSON API in, signed webhooks out. */
public class VcsWebhookAdapterType extends BuiltInAdapterType {
    public static final String NAME = "vcs-webhook";
    public static final String WEBHOOK_URL = "webhook-url";
    public static final String WEBHOOK_SECRET = "webhook-secret";
    public static final String TIMEOUT_MS = "timeout-ms";

    public VcsWebhookAdapterType() {
        super(NAME, "JSON API and signed webhooks for a voluntary organisation",
                Set.of(Direction.SOURCE, Direction.SINK), Set.of(AgencyKind.VOLUNTARY_ORG), List.of(
                        ParameterSpec.optional(WEBHOOK_URL, "URL that receives webhooks; omit if the org polls", null),
                        ParameterSpec.secret(WEBHOOK_SECRET, "HMAC-SHA-256 key that signs webhook bodies", true),
                        ParameterSpec.optional(TIMEOUT_MS, "timeout of a webhook call, in milliseconds", "10000")));
    }

    /** The webhook sink, or the pull inbox when the organisation has no webhook URL (it fetches instead). */
    @Override
    public List<RoutesBuilder> routes(AgencyConfig agency, AdapterContext context) {
        return agency.adapter().param(WEBHOOK_URL).isPresent()
                ? List.of(new WebhookSinkRoute(agency, context)) : List.of(new PullInboxRoute(agency, context));
    }
}
