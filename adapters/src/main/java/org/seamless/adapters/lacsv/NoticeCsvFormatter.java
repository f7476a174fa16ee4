package org.seamless.adapters.lacsv;

import org.apache.camel.Exchange;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.csv.FormulaPolicy;
import org.seamless.mappings.csv.HospitalNoticeCsv;
import org.seamless.mappings.message.MessageBundles;

/**
 * Turns a released notice (canonical JSON) into the CSV file body and its deterministic file name;
 * an alert access notification becomes an {@code alert-access-*.csv} file of its own layout.
 */
final class NoticeCsvFormatter {
    private final HospitalNoticeCsv csv;
    private final org.seamless.mappings.csv.AlertAccessCsv accessCsv;
    private final String agencyId;

    NoticeCsvFormatter(FormulaPolicy policy) {
        this(policy, null);
    }

    NoticeCsvFormatter(FormulaPolicy policy, String agencyId) {
        this.csv = new HospitalNoticeCsv(policy);
        this.accessCsv = new org.seamless.mappings.csv.AlertAccessCsv(policy);
        this.agencyId = agencyId;
    }

    static FormulaPolicy policy(String configured) {
        return FormulaPolicy.fromConfig(configured);
    }

    void format(Exchange exchange) {
        var msg = exchange.getMessage();
        Bundle bundle = MessageBundles.parse(msg.getBody(String.class));
        int generation = msg.getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class);
        String key = org.seamless.adapters.spi.ReleaseKeys.scopedId(msg);
        boolean access = SeamlessEvent.ALERT_ACCESS.code().equals(msg.getHeader(BrokerHeaders.EVENT, String.class));
        msg.setBody(access ? accessCsv.file(bundle, agencyId, generation) : csv.file(java.util.List.of(bundle), generation));
        // why: the same name on redelivery, so a retry rewrites the file instead of adding a second one; named by
        // source and message id (two senders may share a message id), which say nothing about the person
        msg.setHeader(Exchange.FILE_NAME, NoticeManifest.dataFileName(access ? NoticeManifest.ACCESS_PREFIX
                : NoticeManifest.NOTICE_PREFIX, key, generation));
    }
}
