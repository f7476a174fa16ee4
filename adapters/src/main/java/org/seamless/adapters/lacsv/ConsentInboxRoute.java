package org.seamless.adapters.lacsv;

import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.seamless.adapters.files.InboxGuard;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up {@code consents-*.csv} files from the LA's inbox once they stop changing, imports them with
 * {@link ConsentCsvImport} and moves each to {@code processed/} or {@code failed/} beside its reports.
 * An infrastructure failure (e.g. the broker is down) leaves the file in the inbox for the next poll.
 */
public class ConsentInboxRoute extends RouteBuilder {
    static final String FOLDER_HEADER = "SeamlessConsentFolder";
    private static final Logger log = LoggerFactory.getLogger(ConsentInboxRoute.class);

    private final AgencyConfig agency;
    private final AdapterContext context;

    public ConsentInboxRoute(AgencyConfig agency, AdapterContext context) {
        this.agency = agency;
        this.context = context;
    }

    @Override
    public void configure() {
        String inbox = agency.adapter().requiredParam(LaCsvAdapterType.INBOX);
        ConsentCsvImport importer = new ConsentCsvImport(agency, context.gate(), threshold());
        Path inboxDir = Path.of(inbox);

        // why: the move target is decided by the import (processed or failed), so it is read from a header
        from(InboxGuard.endpoint(getContext(), agency.id(), inbox, "consents-.*\\.csv", FOLDER_HEADER))
                .routeId("adapter-" + agency.id() + "-csv-consents")
                .process(e -> importOne(e, importer, inboxDir));
    }

    private void importOne(Exchange e, ConsentCsvImport importer, Path inboxDir) throws Exception {
        Path file = InboxGuard.file(e);
        String name = file.getFileName().toString();
        // processed or failed is only known at the end; reports go to a staging folder first, then beside the input
        Path staging = inboxDir.resolve(".reports");
        ConsentImportResult r = importer.importFile(file, staging);
        Path target = inboxDir.resolve(r.folder());
        java.nio.file.Files.createDirectories(target);
        for (String suffix : new String[] {".rejects.csv", ".summary.csv"}) {
            java.nio.file.Files.move(staging.resolve(name + suffix), target.resolve(name + suffix),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        e.getMessage().setHeader(FOLDER_HEADER, r.folder());
        log.info("consents file {} from agency {}: {} rows read, {} accepted ({} already applied), {} rejected,"
                + " {} refused by the gate: {}", name, agency.id(), r.rowsRead(), r.accepted(), r.duplicates(), r.rejected(),
                r.refusedByGate(),
                r.applied() ? "applied" : r.reason());
    }

    private double threshold() {
        String raw = agency.adapter().param(LaCsvAdapterType.CONSENT_REJECT_THRESHOLD).orElse("10");
        try {
            double t = Double.parseDouble(raw);
            if (t >= 0 && t <= 100) {
                return t;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException("agency " + agency.id() + ": " + LaCsvAdapterType.CONSENT_REJECT_THRESHOLD
                + " must be a number from 0 to 100");
    }
}
