package org.seamless.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.seamless.adapters.spi.AdapterType;
import org.seamless.adapters.spi.AdapterTypes;
import org.seamless.adapters.spi.ParameterSpec;
import org.seamless.mappings.canonical.AgencyKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the agency registry YAML and validates it, failing on the first problem with a message
 * that names the file, the entry and what is wrong. Placeholders such as {@code ${ENV_VAR}} are
 * resolved by the caller's resolver, so secrets come from the environment.
 */
public final class AgencyRegistryLoader {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,39}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    /** An ONS local authority district code: country letter and eight digits (E08000035). */
    private static final Pattern LA_CODE = Pattern.compile("[ENSWLM][0-9]{8}");
    private static final Set<String> AGENCY_KEYS = Set.of("id", "name", "kind", "ods-code", "api-key-sha256",
            "adapter", "addresses", "catchment", "la-code", "delivery", "policy");
    /** Registry keys of {@code policy:}. */
    public static final String HOST_LOCAL_AUTHORITY = "host-local-authority";
    public static final String ALERT_SUBSCRIPTIONS = "alert-subscriptions";
    public static final String FLAG_PULL = "flag-pull";
    public static final String D2A_OUTPUT = D2aOutput.PARAM;
    public static final String ALERT_SETTINGS = AlertSetting.KEY;
    public static final String SILENT_READ = "silent-read";
    public static final String CONTACT_PHONE = "contact-phone";
    public static final String OUT_OF_HOURS_PHONE = "out-of-hours-phone";
    /**
     * Agency policy once written as adapter parameters (host authority and alerts: nhs-fhir; d2a output:
     * la-csv, la-soap); still read, with a warning at start, so existing registries keep working (ADR 0068).
     */
    public static final List<String> DEPRECATED_POLICY_PARAMS = List.of(HOST_LOCAL_AUTHORITY, ALERT_SUBSCRIPTIONS,
            D2A_OUTPUT, ALERT_SETTINGS);
    private static final Set<String> POLICY_KEYS = Set.of(HOST_LOCAL_AUTHORITY, ALERT_SUBSCRIPTIONS, FLAG_PULL,
            D2A_OUTPUT, ALERT_SETTINGS, SILENT_READ, CONTACT_PHONE, OUT_OF_HOURS_PHONE);
    private static final Logger log = LoggerFactory.getLogger(AgencyRegistryLoader.class);
    private static final Set<String> ADAPTER_KEYS = Set.of("type", "params");

    private final AdapterTypes types;
    private final UnaryOperator<String> resolver;

    public AgencyRegistryLoader(AdapterTypes types, UnaryOperator<String> resolver) {
        this.types = types;
        this.resolver = resolver;
    }

    public AgencyRegistry load(InputStream yaml, String sourceName) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new RegistryException(sourceName + ": not valid YAML: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (root == null || !root.path("agencies").isArray() || root.path("agencies").isEmpty()) {
            throw new RegistryException(sourceName + ": expected a non-empty list under 'agencies'");
        }
        List<AgencyConfig> agencies = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode node : root.get("agencies")) {
            index++;
            AgencyConfig agency = agency(node, new Where(sourceName, index, node.path("id").asText("")));
            if (!ids.add(agency.id())) {
                throw new RegistryException(new Where(sourceName, index, agency.id()) + ": duplicate agency id '"
                        + agency.id() + "'");
            }
            agencies.add(agency);
        }
        duplicateLaCodes(agencies, sourceName);
        duplicateOdsCodes(agencies, sourceName);
        return new AgencyRegistry(agencies);
    }

    // why: two agencies with one LA code would make "the LA of residence" ambiguous
    private static void duplicateLaCodes(List<AgencyConfig> agencies, String sourceName) {
        Map<String, String> owner = new LinkedHashMap<>();
        for (AgencyConfig a : agencies) {
            a.laCode().ifPresent(code -> {
                String previous = owner.putIfAbsent(code, a.id());
                if (previous != null) {
                    throw new RegistryException(sourceName + ": la-code " + code + " is given to both '" + previous
                            + "' and '" + a.id() + "'");
                }
            });
        }
    }

    // why: an ODS code names the organisation in messages (a Consent's actor, a notice's sender); two agencies
    // holding one code would send a consent or an answer to whichever was loaded first
    private static void duplicateOdsCodes(List<AgencyConfig> agencies, String sourceName) {
        Map<String, String> owner = new LinkedHashMap<>();
        for (AgencyConfig a : agencies) {
            String code = a.odsCode().strip().toUpperCase(java.util.Locale.ROOT);
            if (code.isEmpty()) {
                continue;
            }
            String previous = owner.putIfAbsent(code, a.id());
            if (previous != null) {
                throw new RegistryException(sourceName + ": ods-code " + code + " is given to both '" + previous
                        + "' and '" + a.id() + "'");
            }
        }
    }

    private AgencyConfig agency(JsonNode node, Where where) {
        unknownKeys(node, AGENCY_KEYS, where, "agency");
        String id = text(node, "id", where).orElseThrow(() -> where.error("missing 'id'"));
        if (!ID.matcher(id).matches()) {
            throw where.error("id must be 2-40 lower-case letters, digits or hyphens");
        }
        String kindCode = text(node, "kind", where).orElseThrow(() -> where.error("missing 'kind'"));
        AgencyKind kind;
        try {
            kind = AgencyKind.fromCode(kindCode);
        } catch (IllegalArgumentException e) {
            throw where.error(e.getMessage());
        }
        Optional<String> keyHash = text(node, "api-key-sha256", where).filter(s -> !s.isBlank());
        if (keyHash.isPresent() && !SHA256_HEX.matcher(keyHash.get()).matches()) {
            throw where.error("api-key-sha256 must be 64 lower-case hex characters (SHA-256 of the API key)");
        }
        AdapterConfig adapter = adapter(node.path("adapter"), kind, where);
        List<String> catchment = new ArrayList<>();
        node.path("catchment").forEach(c -> catchment.add(resolver.apply(c.asText()).strip().toUpperCase()));
        Optional<String> laCode = text(node, "la-code", where).filter(s -> !s.isBlank()).map(String::toUpperCase);
        if (laCode.isPresent() && !LA_CODE.matcher(laCode.get()).matches()) {
            throw where.error("la-code must be an ONS local authority district code such as E08000035");
        }
        if (laCode.isPresent() && kind != AgencyKind.LOCAL_AUTHORITY) {
            throw where.error("la-code is only for agencies of kind 'local-authority'");
        }
        AgencyPolicy policy = policy(node.path("policy"), kind, adapter, where);
        return new AgencyConfig(id, text(node, "name", where).orElse(id), kind,
                text(node, "ods-code", where).orElse(""), keyHash, withoutPolicy(adapter),
                addresses(node.path("addresses"), id, where), catchment, laCode, delivery(node.path("delivery"), where),
                policy);
    }

    /**
     * {@code policy: {host-local-authority: <la id>, alert-subscriptions: [<la id> | '*', ...], flag-pull: true,
     * d2a-output: events | notices | both, alert-settings: id|name|silent-read}}; all optional. The old spelling, the same names as adapter parameters, is read when {@code policy:}
     * does not set them, with a deprecation warning; both at once is an error.
     */
    private AgencyPolicy policy(JsonNode node, AgencyKind kind, AdapterConfig adapter, Where where) {
        if (!node.isMissingNode() && !node.isNull() && !node.isObject()) {
            throw where.error("'policy' must be a map (" + String.join(", ", POLICY_KEYS.stream().sorted().toList())
                    + ")");
        }
        if (node.isObject()) {
            unknownKeys(node, POLICY_KEYS, where, "policy");
        }
        AgencyPolicy defaults = AgencyPolicy.defaults(kind);
        List<String> oldSpelling = DEPRECATED_POLICY_PARAMS.stream().filter(p -> adapter.param(p).isPresent()).toList();
        for (String old : oldSpelling) {
            if (node.has(old)) {
                throw where.error("'" + old + "' is given both as policy." + old + " and as an adapter parameter;"
                        + " keep policy." + old + " only");
            }
        }
        if (!oldSpelling.isEmpty()) {
            // why: one line per agency, naming every parameter to move
            log.warn("{}: adapter parameter{} {} deprecated; write {} under policy: (ADR 0068)", where,
                    oldSpelling.size() == 1 ? "" : "s", oldSpelling.stream().map(p -> "'" + p + "'")
                            .collect(java.util.stream.Collectors.joining(", ")) + (oldSpelling.size() == 1 ? " is" : " are"),
                    oldSpelling.size() == 1 ? "it" : "them");
        }
        Optional<String> host = text(node, HOST_LOCAL_AUTHORITY, where).or(() -> adapter.param(HOST_LOCAL_AUTHORITY))
                .filter(s -> !s.isBlank());
        List<String> subscriptions = new ArrayList<>();
        JsonNode subs = node.path(ALERT_SUBSCRIPTIONS);
        if (subs.isArray()) {
            subs.forEach(s -> subscriptions.add(resolver.apply(s.asText()).strip()));
        } else {
            text(node, ALERT_SUBSCRIPTIONS, where).or(() -> adapter.param(ALERT_SUBSCRIPTIONS))
                    .ifPresent(v -> Arrays.stream(v.split(",")).map(String::strip).forEach(subscriptions::add));
        }
        subscriptions.removeIf(String::isBlank);
        boolean flagPull = defaults.flagPull();
        Optional<String> pull = text(node, FLAG_PULL, where);
        if (pull.isPresent()) {
            if (!pull.get().equals("true") && !pull.get().equals("false")) {
                throw where.error("policy.flag-pull must be true or false");
            }
            flagPull = Boolean.parseBoolean(pull.get());
        }
        D2aOutput d2a;
        Optional<AlertSetting> setting;
        try {
            d2a = text(node, D2A_OUTPUT, where).or(() -> adapter.param(D2A_OUTPUT)).filter(s -> !s.isBlank())
                    .map(D2aOutput::parse).orElse(D2aOutput.EVENTS);
            setting = text(node, ALERT_SETTINGS, where).or(() -> adapter.param(ALERT_SETTINGS)).filter(s -> !s.isBlank())
                    .map(AlertSetting::parse);
        } catch (RegistryException e) {
            throw where.error(e.getMessage());
        }
        Optional<String> silent = text(node, SILENT_READ, where);
        if (silent.isPresent() && !silent.get().equals("true") && !silent.get().equals("false")) {
            throw where.error("policy.silent-read must be true or false");
        }
        return new AgencyPolicy(host, subscriptions, flagPull, d2a, setting, silent.map(Boolean::parseBoolean).orElse(false),
                text(node, CONTACT_PHONE, where).map(String::strip).filter(s -> !s.isBlank()),
                text(node, OUT_OF_HOURS_PHONE, where).map(String::strip).filter(s -> !s.isBlank()));
    }

    /** The adapter's transport parameters only: policy written the old way is moved to {@code policy}. */
    private static AdapterConfig withoutPolicy(AdapterConfig adapter) {
        if (DEPRECATED_POLICY_PARAMS.stream().noneMatch(p -> adapter.params().containsKey(p))) {
            return adapter;
        }
        Map<String, String> params = new LinkedHashMap<>(adapter.params());
        DEPRECATED_POLICY_PARAMS.forEach(params::remove);
        return new AdapterConfig(adapter.type(), params);
    }

    private AdapterConfig adapter(JsonNode node, AgencyKind kind, Where where) {
        if (!node.isObject()) {
            throw where.error("missing 'adapter' (with 'type' and 'params')");
        }
        unknownKeys(node, ADAPTER_KEYS, where, "adapter");
        String typeName = text(node, "type", where).orElseThrow(() -> where.error("missing 'adapter.type'"));
        AdapterType type = types.find(typeName).orElseThrow(() -> where.error(
                "unknown adapter type '" + typeName + "' (known: " + String.join(", ", types.names()) + ")"));
        if (!type.agencyKinds().contains(kind)) {
            throw where.error("adapter type '" + typeName + "' cannot serve an agency of kind '" + kind.code() + "'");
        }
        JsonNode params = node.path("params");
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> known = new HashSet<>();
        type.parameters().forEach(spec -> known.add(spec.name()));
        // a misspelt parameter is reported as such, not as the required one it was meant to be
        params.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                throw where.error("adapter '" + typeName + "' has no parameter '" + f + "' (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        });
        for (ParameterSpec spec : type.parameters()) {
            String value = params.has(spec.name()) ? resolver.apply(params.get(spec.name()).asText()) : null;
            if ((value == null || value.isBlank()) && spec.defaultValue() != null) {
                value = resolver.apply(spec.defaultValue());
            }
            if (value == null || value.isBlank()) {
                if (spec.required()) {
                    throw where.error("adapter '" + typeName + "' needs parameter '" + spec.name() + "' ("
                            + spec.description() + ")");
                }
                continue;
            }
            values.put(spec.name(), value);
        }
        return new AdapterConfig(typeName, values);
    }

    /** {@code delivery: {deadline: P5D, probe: tcp | http(s) health URL}}; both optional. */
    private DeliverySettings delivery(JsonNode node, Where where) {
        if (node.isMissingNode() || node.isNull()) {
            return DeliverySettings.DEFAULTS;
        }
        unknownKeys(node, Set.of("deadline", "probe"), where, "delivery");
        Optional<java.time.Duration> deadline;
        try {
            deadline = text(node, "deadline", where).filter(s -> !s.isBlank()).map(java.time.Duration::parse);
        } catch (java.time.format.DateTimeParseException e) {
            throw where.error("delivery.deadline must be an ISO-8601 duration such as P5D or PT12H");
        }
        try {
            return new DeliverySettings(deadline, text(node, "probe", where).filter(s -> !s.isBlank()));
        } catch (IllegalArgumentException e) {
            throw where.error(e.getMessage());
        }
    }

    private BrokerAddresses addresses(JsonNode node, String id, Where where) {
        BrokerAddresses conventional = BrokerAddresses.conventional(id);
        if (node.isMissingNode()) {
            return conventional;
        }
        unknownKeys(node, Set.of("inbound", "outbound", "dead-letter"), where, "addresses");
        return new BrokerAddresses(text(node, "inbound", where).orElse(conventional.inbound()),
                text(node, "outbound", where).orElse(conventional.outbound()),
                text(node, "dead-letter", where).orElse(conventional.deadLetter()));
    }

    private Optional<String> text(JsonNode node, String field, Where where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isValueNode()) {
            throw where.error("'" + field + "' must be a single value");
        }
        return Optional.of(resolver.apply(v.asText()).strip());
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, Where where, String what) {
        node.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw where.error("unknown " + what + " key '" + f + "' (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        });
    }

    private record Where(String source, int index, String id) {
        RegistryException error(String problem) {
            return new RegistryException(this + ": " + problem);
        }

        @Override
        public String toString() {
            return source + ": agency #" + index + (id.isBlank() ? "" : " '" + id + "'");
        }
    }
}
