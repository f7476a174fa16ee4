package org.seamless.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.spi.AdapterTypes;
import org.seamless.mappings.canonical.AgencyKind;

class AgencyRegistryLoaderTest {
    private static final String HASH = "a".repeat(64);

    private final Map<String, String> env = Map.of("TRUST_KEY_HASH", HASH, "DATA", "/srv/seamless");
    private final AgencyRegistryLoader loader = new AgencyRegistryLoader(AdapterTypes.discover(), this::resolve);

    private String resolve(String s) {
        String out = s;
        for (var e : env.entrySet()) {
            out = out.replace("${" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    private AgencyRegistry load(String yaml) {
        return loader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "agencies.yml");
    }

    private static final String TRUST = """
              - id: trust-a
                kind: nhs-trust
                api-key-sha256: ${TRUST_KEY_HASH}
                adapter:
                  type: nhs-fhir
                  params:
                    endpoint: http://trust.example/fhir
            """;
    private static final String LA = """
              - id: la-a
                kind: local-authority
                catchment: [ls1, LS2]
                la-code: e08000035
                adapter:
                  type: la-csv
                  params:
                    outbox: ${DATA}/la-a/outbox
                    state-dir: ${DATA}/la-a/state
            """;

    @Test
    void loadsAgenciesResolvingPlaceholdersAndDefaults() {
        AgencyRegistry registry = load("agencies:\n" + TRUST + LA);

        AgencyConfig trust = registry.get("trust-a");
        assertThat(trust.kind()).isEqualTo(AgencyKind.NHS_TRUST);
        assertThat(trust.apiKeySha256()).contains(HASH);
        assertThat(trust.adapter().params()).containsEntry("max-message-bytes", "1048576");
        assertThat(trust.addresses()).isEqualTo(new BrokerAddresses("agency.trust-a.inbound",
                "agency.trust-a.outbound", "agency.trust-a.dlq"));
        AgencyConfig la = registry.get("la-a");
        assertThat(la.adapter().requiredParam("outbox")).isEqualTo("/srv/seamless/la-a/outbox");
        assertThat(la.adapter().params()).containsEntry("formula-policy", "neutralise");
        assertThat(la.catchment()).containsExactly("LS1", "LS2");
        assertThat(la.laCode()).contains("E08000035");
        assertThat(trust.laCode()).isEmpty();
        assertThat(registry.ofKind(AgencyKind.LOCAL_AUTHORITY)).extracting(AgencyConfig::id).containsExactly("la-a");
    }

    @Test
    void rejectsUnknownAdapterTypeNamingTheEntry() {
        assertThatThrownBy(() -> load("agencies:\n" + LA.replace("la-csv", "la-ftp")))
                .isInstanceOf(RegistryException.class)
                .hasMessage("agencies.yml: agency #1 'la-a': unknown adapter type 'la-ftp' "
                        + "(known: nhs-fhir, la-csv, la-soap, vcs-webhook, mesh, nhs-hl7v2)");
    }

    @Test
    void rejectsDuplicateIds() {
        assertThatThrownBy(() -> load("agencies:\n" + LA + LA))
                .isInstanceOf(RegistryException.class)
                .hasMessage("agencies.yml: agency #2 'la-a': duplicate agency id 'la-a'");
    }

    @Test
    void rejectsMissingRequiredParameter() {
        assertThatThrownBy(() -> load("agencies:\n" + LA.replace("    state-dir: ${DATA}/la-a/state\n", "")))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("agencies.yml: agency #1 'la-a': adapter 'la-csv' needs parameter 'state-dir'");
    }

    @Test
    void rejectsUnknownParameterAndUnknownKey() {
        assertThatThrownBy(() -> load("agencies:\n" + LA.replace("outbox:", "outbx:")))
                .hasMessageContaining("adapter 'la-csv' has no parameter 'outbx'");
        assertThatThrownBy(() -> load("agencies:\n" + LA.replace("catchment:", "catchmnt:")))
                .hasMessageContaining("unknown agency key 'catchmnt'");
    }

    @Test
    void rejectsKindTheAdapterCannotServe() {
        assertThatThrownBy(() -> load("agencies:\n" + LA.replace("kind: local-authority", "kind: nhs-trust")))
                .hasMessage("agencies.yml: agency #1 'la-a': adapter type 'la-csv' cannot serve an agency of kind 'nhs-trust'");
        assertThatThrownBy(() -> load("agencies:\n" + LA.replace("kind: local-authority", "kind: council")))
                .hasMessageContaining("unknown agency kind 'council'");
    }

    @Test
    void rejectsMalformedKeyHashAndBadIds() {
        assertThatThrownBy(() -> load("agencies:\n" + TRUST.replace("${TRUST_KEY_HASH}", "secret")))
                .hasMessageContaining("api-key-sha256 must be 64 lower-case hex characters");
        assertThatThrownBy(() -> load("agencies:\n" + LA.replace("id: la-a", "id: LA A")))
                .hasMessageContaining("id must be 2-40 lower-case letters");
        assertThatThrownBy(() -> load("agencies: []"))
                .hasMessage("agencies.yml: expected a non-empty list under 'agencies'");
    }

    @Test
    void rejectsMalformedAndDuplicateLaCodes() {
        assertThatThrownBy(() -> load("agencies:\n" + LA.replace("e08000035", "Leeds")))
                .isInstanceOf(RegistryException.class)
                .hasMessage("agencies.yml: agency #1 'la-a': la-code must be an ONS local authority district code"
                        + " such as E08000035");
        assertThatThrownBy(() -> load("agencies:\n" + LA + LA.replace("la-a", "la-b")))
                .isInstanceOf(RegistryException.class)
                .hasMessage("agencies.yml: la-code E08000035 is given to both 'la-a' and 'la-b'");
    }

    @Test
    void rejectsTwoAgenciesWithOneOdsCode() {
        // an ODS code names the organisation in messages (consent actors, senders): two holders would make it ambiguous
        String first = LA.replace("la-code: e08000035", "ods-code: ods01");
        String second = LA.replace("la-a", "la-b").replace("la-code: e08000035", "ods-code: ODS01");
        assertThatThrownBy(() -> load("agencies:\n" + first + second))
                .isInstanceOf(RegistryException.class)
                .hasMessage("agencies.yml: ods-code ODS01 is given to both 'la-a' and 'la-b'");
    }

    @Test
    void readsAnAgencysDeliveryDeadlineAndProbeWithDefaultsWhenAbsent() {
        String withDelivery = LA + """
                    delivery:
                      deadline: PT12H
                      probe: https://la-a.example/health
                """;
        AgencyRegistry registry = load("agencies:\n" + TRUST + withDelivery);
        assertThat(registry.get("la-a").delivery().deadline()).contains(java.time.Duration.ofHours(12));
        assertThat(registry.get("la-a").delivery().healthUrl()).contains("https://la-a.example/health");
        assertThat(registry.get("trust-a").delivery()).isEqualTo(DeliverySettings.DEFAULTS);
        assertThat(load("agencies:\n" + LA + "    delivery:\n      probe: tcp\n").get("la-a").delivery().healthUrl())
                .isEmpty();
    }

    @Test
    void rejectsAMalformedDeliveryDeadlineOrProbe() {
        assertThatThrownBy(() -> load("agencies:\n" + LA + "    delivery:\n      deadline: 5 days\n"))
                .isInstanceOf(RegistryException.class).hasMessageContaining("agency #1 'la-a'")
                .hasMessageContaining("delivery.deadline must be an ISO-8601 duration");
        assertThatThrownBy(() -> load("agencies:\n" + LA + "    delivery:\n      deadline: PT0S\n"))
                .isInstanceOf(RegistryException.class).hasMessageContaining("delivery.deadline must be positive");
        assertThatThrownBy(() -> load("agencies:\n" + LA + "    delivery:\n      probe: ping\n"))
                .isInstanceOf(RegistryException.class).hasMessageContaining("delivery.probe must be 'tcp' or an http(s)");
        assertThatThrownBy(() -> load("agencies:\n" + LA + "    delivery:\n      dedline: P1D\n"))
                .isInstanceOf(RegistryException.class).hasMessageContaining("unknown delivery key 'dedline'");
    }

    @Test
    void readsAgencyPolicyWhateverTheAdapterType() {
        String trust = TRUST + """
                    policy:
                      host-local-authority: la-a
                      alert-subscriptions: [la-a, la-b]
                """;
        AgencyRegistry registry = load("agencies:\n" + trust + LA + "    policy:\n      flag-pull: true\n");
        AgencyPolicy policy = registry.get("trust-a").policy();
        assertThat(policy.hostLocalAuthority()).contains("la-a");
        assertThat(policy.alertSubscriptions()).containsExactly("la-a", "la-b");
        assertThat(policy.subscribesTo("la-b")).isTrue();
        assertThat(policy.subscribesTo("la-c")).isFalse();
        assertThat(policy.flagPull()).isTrue();
        // why: the LA's policy says it may pull flags, though its adapter is la-csv
        assertThat(registry.get("la-a").policy().flagPull()).isTrue();
        assertThat(registry.get("la-a").policy().hostLocalAuthority()).isEmpty();
    }

    @Test
    void policyDefaultsByKindWhenAbsent() {
        AgencyRegistry registry = load("agencies:\n" + TRUST + LA);
        assertThat(registry.get("trust-a").policy()).isEqualTo(AgencyPolicy.defaults(AgencyKind.NHS_TRUST));
        assertThat(registry.get("trust-a").policy().flagPull()).isTrue();
        assertThat(registry.get("la-a").policy().flagPull()).isFalse();
        assertThat(registry.get("la-a").policy().subscribesTo("la-a")).isFalse();
    }

    @Test
    void theOldSpellingAsNhsFhirParametersStillWorksAndIsMovedToThePolicy() {
        String old = TRUST + """
                        host-local-authority: la-a
                        alert-subscriptions: la-a, *
                """;
        AgencyConfig trust = load("agencies:\n" + old + LA).get("trust-a");
        assertThat(trust.policy().hostLocalAuthority()).contains("la-a");
        assertThat(trust.policy().alertSubscriptions()).containsExactly("la-a", "*");
        assertThat(trust.policy().subscribesTo("any-la")).isTrue();
        // why: one truth: the adapter keeps its transport parameters only
        assertThat(trust.adapter().params()).doesNotContainKeys("host-local-authority", "alert-subscriptions");
    }

    @Test
    void rejectsPolicyGivenTwiceOrMisspelt() {
        String both = TRUST + """
                        host-local-authority: la-a
                    policy:
                      host-local-authority: la-a
                """;
        assertThatThrownBy(() -> load("agencies:\n" + both + LA)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("agency #1 'trust-a'")
                .hasMessageContaining("'host-local-authority' is given both as policy.host-local-authority");
        assertThatThrownBy(() -> load("agencies:\n" + LA + "    policy:\n      host-authority: la-a\n"))
                .isInstanceOf(RegistryException.class).hasMessageContaining("unknown policy key 'host-authority'");
        assertThatThrownBy(() -> load("agencies:\n" + LA + "    policy:\n      flag-pull: yes please\n"))
                .isInstanceOf(RegistryException.class).hasMessageContaining("policy.flag-pull must be true or false");
        assertThatThrownBy(() -> load("agencies:\n" + LA + "    policy: la-a\n"))
                .isInstanceOf(RegistryException.class).hasMessageContaining("'policy' must be a map");
    }

    @Test
    void readsTheD2aOutputAndTheAlertSettingFromThePolicy() {
        String trust = TRUST + """
                    policy:
                      alert-settings: "shs|Sexual Health Clinic|true"
                """;
        AgencyRegistry registry = load("agencies:\n" + trust + LA + "    policy:\n      d2a-output: both\n");
        assertThat(registry.get("la-a").policy().d2aOutput()).isEqualTo(D2aOutput.BOTH);
        assertThat(D2aOutput.of(registry.get("la-a"))).isEqualTo(D2aOutput.BOTH);
        assertThat(AlertSetting.of(registry.get("trust-a"))).isEqualTo(new AlertSetting("shs", "Sexual Health Clinic", true));
        // defaults: the events, and the agency itself as the setting, not silent
        AgencyRegistry plain = load("agencies:\n" + TRUST + LA);
        assertThat(D2aOutput.of(plain.get("la-a"))).isEqualTo(D2aOutput.EVENTS);
        assertThat(AlertSetting.of(plain.get("trust-a"))).isEqualTo(new AlertSetting("trust-a", "trust-a", false));
        assertThat(plain.get("la-a").adapter().params()).doesNotContainKey("d2a-output");
    }

    @Test
    void theOldSpellingOfD2aOutputAndAlertSettingsStillWorksWithOneWarningPerAgency() {
        String oldTrust = TRUST + """
                        host-local-authority: la-a
                        alert-settings: "ed|Emergency Department|false"
                """;
        String oldLa = LA + "        d2a-output: notices\n";
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(AgencyRegistryLoader.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        AgencyRegistry registry;
        try {
            registry = load("agencies:\n" + oldTrust + oldLa);
        } finally {
            logger.detachAppender(logs);
        }
        assertThat(registry.get("la-a").policy().d2aOutput()).isEqualTo(D2aOutput.NOTICES);
        assertThat(AlertSetting.of(registry.get("trust-a"))).isEqualTo(new AlertSetting("ed", "Emergency Department", false));
        assertThat(registry.get("trust-a").policy().hostLocalAuthority()).contains("la-a");
        // why: one truth: the adapters keep their transport parameters only
        assertThat(registry.get("la-a").adapter().params()).doesNotContainKey("d2a-output");
        assertThat(registry.get("trust-a").adapter().params()).doesNotContainKeys("alert-settings", "host-local-authority");
        List<String> warnings = logs.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains("'trust-a'").contains("'host-local-authority', 'alert-settings' are deprecated")
                .contains("under policy:");
        assertThat(warnings.get(1)).contains("'la-a'").contains("'d2a-output' is deprecated");
    }

    @Test
    void rejectsD2aOutputOrAlertSettingsGivenTwiceOrMalformed() {
        String bothLa = LA + "        d2a-output: both\n    policy:\n      d2a-output: both\n";
        assertThatThrownBy(() -> load("agencies:\n" + bothLa)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("agency #1 'la-a'")
                .hasMessageContaining("'d2a-output' is given both as policy.d2a-output");
        String bothTrust = TRUST + """
                        alert-settings: "ed|ED|false"
                    policy:
                      alert-settings: "ed|ED|false"
                """;
        assertThatThrownBy(() -> load("agencies:\n" + bothTrust)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("'alert-settings' is given both as policy.alert-settings");
        assertThatThrownBy(() -> load("agencies:\n" + LA + "    policy:\n      d2a-output: sometimes\n"))
                .isInstanceOf(RegistryException.class).hasMessageContaining("agency #1 'la-a'")
                .hasMessageContaining("d2a-output must be events, notices or both");
        assertThatThrownBy(() -> load("agencies:\n" + TRUST + "    policy:\n      alert-settings: \"ed|ED\"\n"))
                .isInstanceOf(RegistryException.class).hasMessageContaining("agency #1 'trust-a'")
                .hasMessageContaining("alert-settings must be id|name|true or id|name|false");
    }
}
