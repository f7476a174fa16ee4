package org.seamless.adapters.lacsv;

import java.io.File;
import java.nio.file.Path;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.mappings.canonical.BrokerHeaders;

/**
 * Writes each notice released to a CSV local authority as one file in its outbox: consumed from
 * the agency's outbound address in a broker transaction, written to a temporary name and renamed,
 * named by message id and replay generation so a redelivery rewrites the same file, and skipped
 * when the adapter's own idempotency store already holds the key.
 */
public class LaCsvSinkRoute extends RouteBuilder {
    private final AgencyConfig agency;
    private final AdapterContext context;

    public LaCsvSinkRoute(AgencyConfig agency, AdapterContext context) {
        this.agency = agency;
        this.context = context;
    }

    @Override
    public void configure() {
        Path stateDir = Path.of(agency.adapter().requiredParam(LaCsvAdapterType.STATE_DIR));
        File store = stateDir.resolve("delivered-keys.dat").toFile();
        store.getParentFile().mkdirs();
        var delivered = FileIdempotentRepository.fileIdempotentRepository(store, 100_000, 64L * 1024 * 1024);
        String outbox = agency.adapter().requiredParam(LaCsvAdapterType.OUTBOX);
        NoticeCsvFormatter formatter = new NoticeCsvFormatter(
                NoticeCsvFormatter.policy(agency.adapter().requiredParam(LaCsvAdapterType.FORMULA_POLICY)));

        from(context.jmsComponent() + ":queue:" + agency.addresses().outbound())
                .routeId("adapter-" + agency.id() + "-csv-sink")
                // why: added only after the file is written (eager=false), so a crash before then redelivers
                .idempotentConsumer(simple("${header." + BrokerHeaders.MESSAGE_ID + "}:${header."
                        + BrokerHeaders.REPLAY_GENERATION + "}"), delivered).eager(false)
                    .process(formatter::format)
                    .to("file:" + outbox + "?tempPrefix=.partial-&fileExist=Override&charset=UTF-8")
                    .process(e -> context.deliveries().delivered(agency.id(),
                            e.getMessage().getHeader(BrokerHeaders.MESSAGE_ID, String.class),
                            e.getMessage().getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class),
                            "written to outbox"))
                .end();
    }
}
