package org.seamless.hub.d2aclock;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The delay measure and operational clocks of discharge to assess (ADR 0063).
 *
 * @param pastReadyBy      how long after the start (00:00, Europe/London) of a stay's Discharge Ready Date
 *                         with no care arranged and no discharge before the care transfer hub is alerted
 * @param checkInterval    how often the clock is checked (once per interval across hub instances)
 * @param careTransferHub  agency id the alerts are raised for (the care transfer hub's channel: its operator
 *                         alerts in the console, and the metric); blank: the stay's council
 * @param reportDir        where the weekly delay CSV is written; blank: {@code <data-dir>/reports/d2a-delay}
 * @param reportInterval   how often the report job looks for a finished week without its file
 */
@ConfigurationProperties("seamless.d2a.clocks")
public record D2aClockProperties(
        @DefaultValue("P1D") Duration pastReadyBy,
        @DefaultValue("PT15M") Duration checkInterval,
        @DefaultValue("") String careTransferHub,
        @DefaultValue("") String reportDir,
        @DefaultValue("PT6H") Duration reportInterval) {

    Path reportDirectory(String dataDir) {
        return reportDir.isBlank() ? Path.of(dataDir, "reports", "d2a-delay") : Path.of(reportDir);
    }
}
