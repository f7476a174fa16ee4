package org.seamless.adapters.lacsv;

import java.io.File;
import java.nio.file.Path;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.IdempotentRepository;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.ReleaseKeys;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.mappings.canonical.PrivateFiles;

/**
 * Writes each notice released to a CSV local authority as one file in its outbox (or on its SFTP
 * server), followed by a {@code .ok} ready marker with the file's row count and SHA-256 (ADR 0010):
 * consumed from the agency's outbound address in a broker transaction, each written to a temporary
 * name and renamed, named by source-scoped message id and replay generation so a redelivery rewrites the same
 * files, and skipped when the sink's idempotency store already holds the key: the runtime's shared
 * store ({@link AdapterContext#sinkKeys()}, a database table) or else a file in the adapter's state folder.
 */
public class LaCsvSinkRoute extends RouteBuilder {
    /** Exchange header (not sent anywhere) holding the message's source-scoped id. */
    static final String DELIVERY_KEY = "SeamlessDeliveryKey";
    private final AgencyConfig agency;
    private final AdapterContext context;

    public LaCsvSinkRoute(AgencyConfig agency, AdapterContext context) {
        this.agency = agency;
        this.context = context;
    }

    @Override
    public void configure() {
        // why: the runtime's shared store when it has one, so any instance running this sink sees every key (ADR 0054)
        IdempotentRepository delivered = context.sinkKeys() != null
                ? context.sinkKeys().forSink(agency.id() + ":csv-sink") : fileStore();
        Endpoint target = CsvDeliveryTarget.endpoint(getContext(), agency);
        NoticeCsvFormatter formatter = new NoticeCsvFormatter(
                NoticeCsvFormatter.policy(agency.adapter().requiredParam(LaCsvAdapterType.FORMULA_POLICY)), agency.id());

        from(context.jmsComponent() + ":queue:" + agency.addresses().outbound())
                .routeId("adapter-" + agency.id() + "-csv-sink")
                .routeConfigurationId(AdapterContext.SINK_ROUTE_CONFIGURATION) // why: transient failures wait, see AdapterContext
                // why: added only after the file is written (eager=false), so a crash before then redelivers
                // why: keyed by the source-scoped id (ADR 0036): two senders may use one message id
                .process(e -> e.getMessage().setHeader(DELIVERY_KEY, ReleaseKeys.scopedId(e.getMessage())))
                .idempotentConsumer(simple("${header." + DELIVERY_KEY + "}:${header."
                        + BrokerHeaders.REPLAY_GENERATION + "}"), delivered).eager(false).skipDuplicate(false)
                    .choice()
                        // why: a redelivery after a crash between the file and the broker commit; the file is there,
                        // but the acknowledgement sent with it was rolled back, so it is sent again (idempotent at the hub)
                        .when(exchangeProperty(Exchange.DUPLICATE_MESSAGE).isEqualTo(true))
                            .process(e -> acknowledge(e, "already written; acknowledged again after a redelivery"))
                        .otherwise()
                            .process(formatter::format)
                            .to(target)
                            // why: the marker only after the data file is complete, so an importer never reads half a file
                            .process(e -> NoticeManifest.toMarker(e, e.getMessage().getHeader(BrokerHeaders.MESSAGE_ID,
                                    String.class), e.getMessage().getHeader(DELIVERY_KEY, String.class),
                                    e.getMessage().getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class)))
                            .to(target)
                            .process(e -> acknowledge(e, "written with ready marker"))
                    .end()
                .end();
    }

    private IdempotentRepository fileStore() {
        Path stateDir = Path.of(agency.adapter().requiredParam(LaCsvAdapterType.STATE_DIR));
        PrivateFiles.directory(stateDir);
        File store = stateDir.resolve("delivered-keys.dat").toFile();
        if (!store.exists()) {
            PrivateFiles.write(store.toPath(), new byte[0]); // why: owner-only from creation, not by umask
        }
        return new DeliveredKeys(store, 100_000, 64L * 1024 * 1024);
    }

    private void acknowledge(Exchange e, String detail) {
        context.deliveries().delivered(agency.id(), e.getMessage().getHeader(BrokerHeaders.SOURCE_AGENCY, String.class),
                e.getMessage().getHeader(BrokerHeaders.MESSAGE_ID, String.class),
                e.getMessage().getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class), detail);
    }
}
