package org.seamless.adapters.lacsv;

import org.apache.camel.Exchange;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.mappings.csv.FormulaPolicy;
import org.seamless.mappings.csv.HospitalNoticeCsv;
import org.seamless.mappings.message.MessageBundles;

/** Turns a released notice (canonical JSON) into the CSV file body and its deterministic file name. */
final class NoticeCsvFormatter {
    private final HospitalNoticeCsv csv;

    NoticeCsvFormatter(FormulaPolicy policy) {
        this.csv = new HospitalNoticeCsv(policy);
    }

    static FormulaPolicy policy(String configured) {
        return FormulaPolicy.fromConfig(configured);
    }

    void format(Exchange exchange) {
        var msg = exchange.getMessage();
        Bundle bundle = MessageBundles.parse(msg.getBody(String.class));
        int generation = msg.getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class);
        String messageId = msg.getHeader(BrokerHeaders.MESSAGE_ID, String.class);
        msg.setBody(csv.file(java.util.List.of(bundle), generation));
        // why: the same name on redelivery, so a retry rewrites the file instead of adding a second one
        msg.setHeader(Exchange.FILE_NAME, NoticeManifest.dataFileName(messageId, generation));
    }
}
