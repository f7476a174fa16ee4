package org.seamless.ops.console.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.registry.AdapterConfig;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.registry.BrokerAddresses;
import org.seamless.adapters.spi.AdapterTypes;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.privacy.decide.SharingRule;
import org.seamless.privacy.decide.SharingRuleSet;

/** The agencies page shows the registry as configured, with every secret redacted. */
class AgencyDirectoryTest {
    private static final String SECRET = "s3cr3t-" + java.util.UUID.randomUUID();

    private final AgencyConfig csv = agency("la", AgencyKind.LOCAL_AUTHORITY, "la-csv", Map.of(
            "outbox", "/srv/outbox", "sftp-host", "sftp.example.org", "sftp-user", "seamless",
            "sftp-password", SECRET, "sftp-private-key", SECRET, "broker-password", SECRET, "state-dir", "/srv/state"));
    private final AgencyConfig charity = agency("charity", AgencyKind.VOLUNTARY_ORG, "vcs-webhook", Map.of(
            "webhook-url", "https://user:" + SECRET + "@hooks.example.org/in?x=1", "webhook-secret", SECRET));
    private final AgencyConfig odd = agency("odd", AgencyKind.VOLUNTARY_ORG, "no-such-type", Map.of("colour", SECRET));
    private final AgencyConfig trust = agency("trust", AgencyKind.NHS_TRUST, "nhs-fhir", Map.of(
            "endpoint", "https://fhir.example.org", "auth-token", SECRET, "alert-subscriptions", "la"));

    private final AgencyDirectory directory = new AgencyDirectory(new AgencyRegistry(List.of(csv, charity, odd, trust)),
            AdapterTypes.discover(), new SharingRuleSet("t", List.of(
                    new SharingRule("discharge", SeamlessEvent.DISCHARGE_NOTICE, AgencyKind.NHS_TRUST,
                            AgencyKind.LOCAL_AUTHORITY, Set.of(), "direct-care", "basis", false,
                            SharingRule.Release.IDENTIFIABLE, "hospital-notice", false),
                    new SharingRule("referral", SeamlessEvent.REFERRAL, AgencyKind.NHS_TRUST,
                            AgencyKind.VOLUNTARY_ORG, Set.of("charity"), "referral", "consent", true,
                            SharingRule.Release.PSEUDONYMISED, "referral", false))));

    @Test
    void noSecretIsShownAnywhere() {
        for (AgencyDirectory.AgencyView view : directory.all()) {
            assertThat(view.toString()).doesNotContain(SECRET);
        }
        AgencyDirectory.AgencyView la = directory.find("la").orElseThrow();
        assertThat(la.parameters()).extracting(AgencyDirectory.Parameter::name, AgencyDirectory.Parameter::value)
                .contains(org.assertj.core.groups.Tuple.tuple("sftp-password", AgencyDirectory.REDACTED),
                        org.assertj.core.groups.Tuple.tuple("sftp-private-key", AgencyDirectory.REDACTED),
                        org.assertj.core.groups.Tuple.tuple("broker-password", AgencyDirectory.REDACTED),
                        org.assertj.core.groups.Tuple.tuple("sftp-user", "seamless"),
                        org.assertj.core.groups.Tuple.tuple("outbox", "/srv/outbox"));
        assertThat(la.endpoints()).extracting(AgencyDirectory.Parameter::name).contains("outbox", "sftp-host");
        assertThat(directory.find("charity").orElseThrow().endpoints()).singleElement()
                .satisfies(p -> assertThat(p.value()).isEqualTo("https://hooks.example.org/in?x=1"));
        assertThat(directory.find("odd").orElseThrow().parameters()).as("an unknown type's parameters are all secret")
                .allSatisfy(p -> assertThat(p.secret()).isTrue());
    }

    @Test
    void showsTheRulesThatApplyAndTheEventsEachSideTakes() {
        AgencyDirectory.AgencyView trustView = directory.find("trust").orElseThrow();
        assertThat(trustView.eventsSent()).containsExactly(SeamlessEvent.DISCHARGE_NOTICE.code(),
                SeamlessEvent.REFERRAL.code());
        assertThat(trustView.alertSubscriptions()).containsExactly("la");
        assertThat(directory.find("la").orElseThrow().eventsReceived()).containsExactly(
                SeamlessEvent.DISCHARGE_NOTICE.code());
        AgencyDirectory.AgencyView charityView = directory.find("charity").orElseThrow();
        assertThat(charityView.rules()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("referral");
            assertThat(r.namesAgency()).isTrue();
            assertThat(r.release()).isEqualTo("pseudonymised");
        });
        assertThat(directory.find("odd").orElseThrow().rules()).as("a rule narrowed to another agency")
                .isEmpty();
    }

    private static AgencyConfig agency(String id, AgencyKind kind, String type, Map<String, String> params) {
        return new AgencyConfig(id, id + " name", kind, "ODS" + id, Optional.empty(), new AdapterConfig(type, params),
                BrokerAddresses.conventional(id), List.of());
    }
}
