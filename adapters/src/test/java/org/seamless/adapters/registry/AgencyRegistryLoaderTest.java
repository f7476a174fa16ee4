package org.seamless.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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
}
