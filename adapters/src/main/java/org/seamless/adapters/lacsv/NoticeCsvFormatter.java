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
    private final org.seamless.mappings.d2a.D2aCsv d2aCsv;
    private final FormulaPolicy policy;

    NoticeCsvFormatter(FormulaPolicy policy) {
        this(policy, null);
    }

    NoticeCsvFormatter(FormulaPolicy policy, String agencyId) {
        this.csv = new HospitalNoticeCsv(policy);
        this.accessCsv = new org.seamless.mappings.csv.AlertAccessCsv(policy);
        this.agencyId = agencyId;
        this.policy = policy;
        this.d2aCsv = new org.seamless.mappings.d2a.D2aCsv(policy);
    }

    static FormulaPolicy policy(String configured) {
        return FormulaPolicy.fromConfig(configured);
    }

    void format(Exchange exchange) {
        var msg = exchange.getMessage();
        Bundle bundle = MessageBundles.parse(msg.getBody(String.class));
        int generation = msg.getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class);
        String key = org.seamless.adapters.spi.ReleaseKeys.scopedId(msg);
        if (SeamlessEvent.RECALL.code().equals(msg.getHeader(BrokerHeaders.EVENT, String.class))) {
            // why: a recall names messages the authority already holds, one row each (ADR 0069)
            msg.setBody(new org.seamless.mappings.csv.RecallCsv(policy).file(bundle, generation));
            msg.setHeader(Exchange.FILE_NAME, NoticeManifest.dataFileName(NoticeManifest.RECALL_PREFIX, key, generation));
            return;
        }
        boolean access = SeamlessEvent.ALERT_ACCESS.code().equals(msg.getHeader(BrokerHeaders.EVENT, String.class));
        java.util.Optional<SeamlessEvent> d2a = org.seamless.mappings.d2a.D2aFields.event(bundle)
                .filter(org.seamless.mappings.d2a.D2aCodes.FROM_HOSPITAL::contains);
        if (d2a.isPresent()) {
            // why: one layout per discharge to assess event kind, one file per event (ADR 0060)
            msg.setBody(d2aCsv.file(bundle, generation));
            msg.setHeader(Exchange.FILE_NAME, NoticeManifest.dataFileName(
                    org.seamless.mappings.d2a.D2aCsv.filePrefix(d2a.get()), key, generation));
            return;
        }
        msg.setBody(access ? accessCsv.file(bundle, agencyId, generation) : csv.file(java.util.List.of(bundle), generation));
        // why: the same name on redelivery, so a retry rewrites the file instead of adding a second one; named by
        // source and message id (two senders may share a message id), which say nothing about the person
        msg.setHeader(Exchange.FILE_NAME, NoticeManifest.dataFileName(access ? NoticeManifest.ACCESS_PREFIX
                : NoticeManifest.NOTICE_PREFIX, key, generation));
    }
}
