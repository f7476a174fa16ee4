package org.seamless.mappings.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.csv.AlertAccessCsv;
import org.seamless.mappings.csv.FormulaPolicy;
import org.seamless.mappings.message.MessageBundles;

class AlertAccessMessagesTest {
    private static final AlertAccess ACCESS = new AlertAccess(NhsNumber.parse("9990000018"),
            Instant.parse("2026-11-21T09:15:00Z"), "trust-1", "RXX", "Trust One", "ed", "Emergency Department",
            List.of(new AlertAccess.Viewed("la-1/CP1", AlertType.CHILD_PROTECTION_PLAN),
                    new AlertAccess.Viewed("la-2/LAC9", AlertType.LOOKED_AFTER_CHILD)));

    @Test
    void messageCarriesWhoWhereWhenAndTheViewedAlerts() {
        Bundle m = AlertAccessMessages.message(ACCESS, "7d0b6f7e-0000-4000-8000-000000000001");
        assertThat(MessageBundles.event(m)).contains(SeamlessEvent.ALERT_ACCESS);
        assertThat(MessageBundles.messageId(m)).contains("7d0b6f7e-0000-4000-8000-000000000001");
        AlertAccessMessages.Read r = AlertAccessMessages.read(MessageBundles.parse(MessageBundles.toJson(m)), "la-1");
        assertThat(r.nhsNumber()).isEqualTo("9990000018");
        assertThat(r.accessedAt()).startsWith("2026-11-21T09:15:00");
        assertThat(r.organisationOds()).isEqualTo("RXX");
        assertThat(r.organisationName()).isEqualTo("Trust One");
        assertThat(r.setting()).isEqualTo("trust-1/ed");
        assertThat(r.settingName()).isEqualTo("Emergency Department");
        // only the receiving LA's own alerts, without its prefix
        assertThat(r.alertIds()).containsExactly("CP1");
        assertThat(r.alertTypes()).containsExactly("child-protection-plan");
    }

    @Test
    void csvRowHasTheDocumentedColumns() {
        Bundle m = AlertAccessMessages.message(ACCESS, "7d0b6f7e-0000-4000-8000-000000000001");
        String csv = new AlertAccessCsv(FormulaPolicy.fromConfig("neutralise")).file(m, "la-2", 0);
        assertThat(csv.split("\r\n")).containsExactly(String.join(",", AlertAccessCsv.COLUMNS),
                "7d0b6f7e-0000-4000-8000-000000000001,0,alert-access," + AlertAccessMessages.read(m, "la-2").accessedAt()
                        + ",9990000018,RXX,Trust One,trust-1/ed,Emergency Department,LAC9,looked-after-child");
    }
}
