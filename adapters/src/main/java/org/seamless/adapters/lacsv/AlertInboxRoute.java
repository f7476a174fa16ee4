package org.seamless.adapters.lacsv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.seamless.adapters.files.InboxGuard;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up {@code alerts-full-*.csv} and {@code alerts-delta-*.csv} (and {@code alerts-*.csv}, a delta)
 * from the LA's inbox once they stop changing, imports each with {@link AlertCsvImport} and moves it to
 * {@code processed/} or {@code failed/} beside its rejects and summary. An infrastructure failure
 * (broker or database down) leaves the file in the inbox for the next poll; a re-run sends only what
 * the first did not.
 */
public class AlertInboxRoute extends RouteBuilder {
    static final String FOLDER_HEADER = "SeamlessAlertFolder";
    private static final Logger log = LoggerFactory.getLogger(AlertInboxRoute.class);

    private final AgencyConfig agency;
    private final AdapterContext context;

    public AlertInboxRoute(AgencyConfig agency, AdapterContext context) {
        this.agency = agency;
        this.context = context;
    }

    @Override
    public void configure() {
        String inbox = agency.adapter().requiredParam(LaCsvAdapterType.INBOX);
        AlertCsvSettings settings;
        TraceSettings trace;
        try {
            settings = AlertCsvSettings.from(agency.adapter());
            trace = TraceSettings.from(agency.adapter());
            if (trace.enabled() && context.pds() == null) {
                throw new IllegalArgumentException("pds-trace is true but PDS is not configured (seamless.pds.base-url)");
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("agency " + agency.id() + ": alert extract settings: " + e.getMessage(), e);
        }
        AlertCsvImport importer = new AlertCsvImport(agency, settings, context.gate(), context.alertState(),
                Clock.systemUTC(), trace.enabled() ? context.pds().tracer() : null, trace);
        Path inboxDir = Path.of(inbox);
        from(InboxGuard.endpoint(getContext(), agency.id(), inbox, "alerts-.*\\.csv", FOLDER_HEADER))
                .routeId("adapter-" + agency.id() + "-csv-alerts")
                .process(e -> importOne(e, importer, inboxDir));
    }

    private void importOne(Exchange e, AlertCsvImport importer, Path inboxDir) throws Exception {
        Path file = InboxGuard.file(e);
        String name = file.getFileName().toString();
        Path staging = inboxDir.resolve(".reports");
        AlertImportResult r = importer.importFile(file, staging);
        Path target = inboxDir.resolve(r.folder());
        Files.createDirectories(target);
        for (String suffix : new String[] {".rejects.csv", ".summary.csv"}) {
            Files.move(staging.resolve(name + suffix), target.resolve(name + suffix), StandardCopyOption.REPLACE_EXISTING);
        }
        e.getMessage().setHeader(FOLDER_HEADER, r.folder());
        context.alertState().extractImported(agency.id(), r.accepted(), r.rejected(), r.refusedByGate());
        // why: counts and the file name only (names are chosen by the LA's job, never carry personal data)
        log.info("alerts file {} ({}) from agency {}: {} rows read, {} accepted, {} rejected, {} refused by the gate,"
                        + " {} held by PDS tracing; {} started, {} updated, {} ended, {} unchanged: {}", name, r.mode(),
                agency.id(), r.rowsRead(), r.accepted(), r.rejected(), r.refusedByGate(), r.trace().held(), r.started(),
                r.updated(), r.ended(), r.unchanged(), r.applied() ? "applied" : r.reason());
    }
}
