package org.seamless.adapters.lacsv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.seamless.adapters.files.InboxGuard;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up {@code responses-*.csv} files (the LA's accept / reject answers to notices) from the LA's
 * inbox once they stop changing, imports them with {@link ResponseCsvImport} and moves each to
 * {@code processed/} (with its rejects and summary beside it) or {@code failed/} when the file as a
 * whole cannot be read. An infrastructure failure leaves the file in the inbox for the next poll.
 */
public class ResponsesInboxRoute extends RouteBuilder {
    private static final Logger log = LoggerFactory.getLogger(ResponsesInboxRoute.class);

    private final AgencyConfig agency;
    private final AdapterContext context;

    public ResponsesInboxRoute(AgencyConfig agency, AdapterContext context) {
        this.agency = agency;
        this.context = context;
    }

    @Override
    public void configure() {
        String inbox = agency.adapter().requiredParam(LaCsvAdapterType.INBOX);
        ResponseCsvImport importer = new ResponseCsvImport(agency, context.gate(), context.rejected());
        Path inboxDir = Path.of(inbox);
        from(InboxGuard.endpoint(getContext(), agency.id(), inbox, "responses-.*\\.csv", ConsentInboxRoute.FOLDER_HEADER))
                .routeId("adapter-" + agency.id() + "-csv-responses")
                .process(e -> importOne(e, importer, inboxDir));
    }

    private void importOne(Exchange e, ResponseCsvImport importer, Path inboxDir) throws Exception {
        Path file = InboxGuard.file(e);
        String name = file.getFileName().toString();
        Path staging = inboxDir.resolve(".reports");
        ConsentImportResult r = importer.importFile(file, staging);
        Path target = inboxDir.resolve(r.folder());
        Files.createDirectories(target);
        for (String suffix : new String[] {".rejects.csv", ".summary.csv"}) {
            Files.move(staging.resolve(name + suffix), target.resolve(name + suffix), StandardCopyOption.REPLACE_EXISTING);
        }
        e.getMessage().setHeader(ConsentInboxRoute.FOLDER_HEADER, r.folder());
        log.info("responses file {} from agency {}: {} rows read, {} accepted ({} already applied), {} rejected,"
                + " {} refused by the gate{}", name, agency.id(), r.rowsRead(), r.accepted(), r.duplicates(), r.rejected(),
                r.refusedByGate(),
                r.applied() ? "" : ": " + r.reason());
    }
}
