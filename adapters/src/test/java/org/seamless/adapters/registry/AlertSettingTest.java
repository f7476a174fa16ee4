package org.seamless.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.nhsfhir.NhsFhirAdapterType;
import org.seamless.mappings.canonical.AgencyKind;

class AlertSettingTest {
    private static AgencyConfig trust(Map<String, String> params) {
        return new AgencyConfig("t1", "Trust One", AgencyKind.NHS_TRUST, "RXX", Optional.empty(),
                new AdapterConfig(NhsFhirAdapterType.NAME, params), BrokerAddresses.conventional("t1"), List.of());
    }

    @Test
    void fromTheRegistryOrTheAgencyItselfNotSilent() {
        assertThat(AlertSetting.of(trust(Map.of(NhsFhirAdapterType.ALERT_SETTINGS, "shs|Sexual Health Clinic|true"))))
                .isEqualTo(new AlertSetting("shs", "Sexual Health Clinic", true));
        assertThat(AlertSetting.of(trust(Map.of()))).isEqualTo(new AlertSetting("t1", "Trust One", false));
    }

    @Test
    void malformedEntriesAreRefused() {
        for (String bad : List.of("shs|Clinic", "shs|Clinic|yes", "|Clinic|true", "s h s|Clinic|false", "a|b|true|x")) {
            assertThatThrownBy(() -> AlertSetting.of(trust(Map.of(NhsFhirAdapterType.ALERT_SETTINGS, bad))))
                    .hasMessageContaining("alert-settings");
        }
    }
}
