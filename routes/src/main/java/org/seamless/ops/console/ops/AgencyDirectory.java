package org.seamless.ops.console.ops;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.spi.AdapterType;
import org.seamless.adapters.spi.AdapterTypes;
import org.seamless.adapters.spi.ParameterSpec;
import org.seamless.hub.AlertSubscriptions;
import org.seamless.privacy.decide.SharingRule;
import org.seamless.privacy.decide.SharingRuleSet;
import org.springframework.stereotype.Service;

/**
 * The agency registry as configured, for reading in the console: each agency's adapter type,
 * parameters, endpoints, broker addresses, event subscriptions and the sharing rules that apply to it.
 * Nothing secret is shown: a parameter its adapter type marks secret, or whose name says it is a
 * credential, is replaced by {@link #REDACTED}, and a URL loses any user and password in it.
 */
@Service
public class AgencyDirectory {
    public static final String REDACTED = "(secret, not shown)";
    private static final Pattern CREDENTIAL_NAME = Pattern.compile(".*(password|secret|key|token|credential|passphrase).*");
    private static final List<String> ENDPOINT_PARAMS = List.of("endpoint", "webhook-url", "sftp-host", "sftp-port",
            "sftp-directory", "outbox", "inbox");

    private final AgencyRegistry registry;
    private final AdapterTypes types;
    private final SharingRuleSet rules;

    public AgencyDirectory(AgencyRegistry registry, AdapterTypes types, SharingRuleSet rules) {
        this.registry = registry;
        this.types = types;
        this.rules = rules;
    }

    /** One adapter parameter as shown: its value, or {@link #REDACTED}. */
    public record Parameter(String name, String value, boolean secret, String description) {
    }

    /** A sharing rule that applies to the agency, from its side. */
    public record RuleView(String id, String event, String direction, String counterpart, String release,
                           String legalBasis, boolean namesAgency) {
    }

    /** An agency as the console shows it. */
    public record AgencyView(String id, String name, String kind, String odsCode, String laCode, String adapterType,
                             String adapterDescription, List<String> directions, List<Parameter> parameters,
                             List<Parameter> endpoints, String inboundAddress, String outboundAddress,
                             String deadLetterAddress, boolean apiKeyConfigured, String deliveryDeadline,
                             String deliveryProbe, List<String> catchment, List<String> eventsSent,
                             List<String> eventsReceived, List<String> alertSubscriptions, List<RuleView> rules) {
    }

    public List<AgencyView> all() {
        return registry.all().stream().map(this::view).toList();
    }

    public Optional<AgencyView> find(String id) {
        return registry.find(id).map(this::view);
    }

    AgencyView view(AgencyConfig a) {
        Optional<AdapterType> type = types.find(a.adapter().type());
        List<Parameter> params = new ArrayList<>();
        new TreeMap<>(a.adapter().params()).forEach((name, value) -> params.add(parameter(type, name, value)));
        List<Parameter> endpoints = params.stream().filter(p -> ENDPOINT_PARAMS.contains(p.name())).toList();
        List<RuleView> applying = new ArrayList<>();
        for (SharingRule r : rules.rules()) {
            boolean names = r.recipientAgencies().contains(a.id());
            if (r.sourceKind() == a.kind()) {
                applying.add(new RuleView(r.id(), r.event().code(), "sends", r.recipientKind().code()
                        + (r.recipientAgencies().isEmpty() ? "" : " " + new java.util.TreeSet<>(r.recipientAgencies())),
                        r.release().name().toLowerCase(Locale.ROOT), r.legalBasis(), names));
            }
            if (r.recipientKind() == a.kind() && (r.recipientAgencies().isEmpty() || names)) {
                applying.add(new RuleView(r.id(), r.event().code(), "receives", r.sourceKind().code(),
                        r.release().name().toLowerCase(Locale.ROOT), r.legalBasis(), names));
            }
        }
        List<String> sent = applying.stream().filter(r -> r.direction().equals("sends")).map(RuleView::event)
                .distinct().sorted().toList();
        List<String> received = applying.stream().filter(r -> r.direction().equals("receives")
                && !r.release().equals("withhold")).map(RuleView::event).distinct().sorted().toList();
        List<String> alerts = registry.all().stream().filter(la -> AlertSubscriptions.subscribes(a, la.id()))
                .map(AgencyConfig::id).toList();
        return new AgencyView(a.id(), a.name(), a.kind().code(), a.odsCode(), a.laCode().orElse(null), a.adapter().type(),
                type.map(AdapterType::description).orElse("(unknown adapter type)"),
                type.map(t -> t.directions().stream().map(d -> d.name().toLowerCase(Locale.ROOT)).sorted().toList())
                        .orElse(List.of()),
                params, endpoints, a.addresses().inbound(), a.addresses().outbound(), a.addresses().deadLetter(),
                a.apiKeySha256().isPresent(), a.delivery().deadline().map(Object::toString).orElse(null),
                a.delivery().probe().orElse(null), a.catchment(), sent, received, alerts, applying);
    }

    /** A parameter as shown; secret when the type says so, when the type is unknown, or when its name says so. */
    static Parameter parameter(Optional<AdapterType> type, String name, String value) {
        Optional<ParameterSpec> spec = type.flatMap(t -> t.parameters().stream().filter(p -> p.name().equals(name))
                .findFirst());
        boolean secret = type.isEmpty() || spec.map(ParameterSpec::secret).orElse(false)
                || CREDENTIAL_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches();
        return new Parameter(name, secret ? REDACTED : withoutUserInfo(value), secret,
                spec.map(ParameterSpec::description).orElse(""));
    }

    /** A URL's user and password are removed ({@code sftp://user:pw@host} shows as {@code sftp://host}). */
    static String withoutUserInfo(String value) {
        if (value == null || !value.contains("://") || !value.contains("@")) {
            return value;
        }
        try {
            URI uri = URI.create(value);
            if (uri.getRawUserInfo() == null) {
                return value;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return REDACTED; // why: a value we cannot parse may still hold a password
        }
    }
}
