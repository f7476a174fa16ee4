package org.seamless.adapters.vcswebhook;

import java.util.List;
import java.util.Set;
import org.seamless.adapters.spi.BuiltInAdapterType;
import org.seamless.adapters.spi.ParameterSpec;
import org.seamless.mappings.canonical.AgencyKind;

/** Voluntary organisations: a JSON API in, signed webhooks out. */
public class VcsWebhookAdapterType extends BuiltInAdapterType {
    public static final String NAME = "vcs-webhook";
    public static final String WEBHOOK_URL = "webhook-url";
    public static final String WEBHOOK_SECRET = "webhook-secret";

    public VcsWebhookAdapterType() {
        super(NAME, "JSON API and signed webhooks for a voluntary organisation",
                Set.of(Direction.SOURCE, Direction.SINK), Set.of(AgencyKind.VOLUNTARY_ORG), List.of(
                        ParameterSpec.optional(WEBHOOK_URL, "URL that receives webhooks; omit if the org polls", null),
                        ParameterSpec.secret(WEBHOOK_SECRET, "HMAC-SHA-256 key that signs webhook bodies", true)));
    }
}
