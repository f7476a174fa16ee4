package org.seamless.adapters.lacsv;

import java.io.File;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.IdempotentRepository;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.AgencySinkRoute;
import org.seamless.adapters.spi.Sink;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.mappings.canonical.PrivateFiles;

/**
 * Writes each notice released to a CSV local authority as one file in its outbox (or on its SFTP
 * server), followed by a {@code .ok} ready marker with the file's row count and SHA-256 (ADR 0010):
 * run in the shared sink route ({@link AgencySinkRoute}) in a broker transaction, each written to a temporary
 * name and renamed, named by source-scoped message id and replay generation so a redelivery rewrites the same
 * files, and skipped by the template when the sink's idempotency store already holds the key: the runtime's shared
 * store ({@link AdapterContext#sinkKeys()}, a database table) or else a file in the adapter's state folder.
 */
public class LaCsvSink implements Sink {
    private final AgencyConfig agency;
    private final AdapterContext context;
    private final CamelContext camel;
    private final IdempotentRepository delivered;
    private final Endpoint target;
    private final NoticeCsvFormatter formatter;
    private volatile ProducerTemplate producer;

    public LaCsvSink(AgencyConfig agency, AdapterContext context, CamelContext camel) {
        this.agency = agency;
        this.context = context;
        this.camel = camel;
        // why: the runtime's shared store when it has one, so any instance running this sink sees every key (ADR 0054)
        this.delivered = context.sinkKeys() != null
                ? context.sinkKeys().forSink(agency.id() + ":csv-sink") : fileStore();
        this.target = CsvDeliveryTarget.endpoint(camel, agency);
        this.formatter = new NoticeCsvFormatter(
                NoticeCsvFormatter.policy(agency.adapter().requiredParam(LaCsvAdapterType.FORMULA_POLICY)), agency.id());
    }

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public String step() {
        return "csv-write";
    }

    @Override
    public IdempotentRepository deliveredKeys() {
        return delivered;
    }

    @Override
    public String repeatDetail() {
        return "already written; acknowledged again after a redelivery";
    }

    @Override
    public void deliver(Exchange e) throws Exception {
        formatter.format(e);
        write(e);
        // why: the marker only after the data file is complete, so an importer never reads half a file
        NoticeManifest.toMarker(e, e.getMessage().getHeader(BrokerHeaders.MESSAGE_ID, String.class),
                e.getMessage().getHeader(AgencySinkRoute.DELIVERY_KEY, String.class),
                e.getMessage().getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class));
        write(e);
        acknowledge(e, "written with ready marker");
    }

    /** Writes the exchange's body to the outbox (or SFTP server), in the sink's own thread and transaction. */
    private void write(Exchange e) throws Exception {
        ProducerTemplate p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = camel.createProducerTemplate();
                }
                p = producer;
            }
        }
        p.send(target, e);
        Exception failure = e.getException();
        if (failure != null) {
            e.setException(null); // why: thrown, so the route's error handling sees it as it saw the .to(...) failure
            throw failure;
        }
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
