package org.seamless.ledger;

import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.identify.Subject;
import org.seamless.privacy.ledger.AuditEvents;
import org.seamless.privacy.ledger.DisclosureReport;
import org.seamless.privacy.record.SubjectIndex;
import org.springframework.stereotype.Component;

/** The per-person disclosure report, by NHS number, as a report or a FHIR Bundle of AuditEvents; shared by REST and CLI. */
@Component
public class SubjectReports {
    private final DisclosureReport report;
    private final SubjectIndex index;

    public SubjectReports(DisclosureReport report, SubjectIndex index) {
        this.report = report;
        this.index = index;
    }

    /** Empty when the number is not a valid NHS number (the number itself is never echoed). */
    public Optional<DisclosureReport.Report> forNhsNumber(String nhsNumber) {
        return NhsNumber.tryParse(nhsNumber).map(n -> report.forSubject(index.indexOf(Subject.identified(n))));
    }

    /** The report's disclosures as a FHIR collection Bundle of BALP disclosure AuditEvents, as JSON. */
    public String asFhirJson(DisclosureReport.Report r, String nhsNumber) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        var bySeq = new java.util.HashMap<Long, DisclosureReport.Line>();
        r.disclosures().forEach(l -> bySeq.put(l.ledgerSeq(), l));
        r.entries().stream().filter(e -> bySeq.containsKey(e.seq())).forEach(e -> bundle.addEntry().setResource(
                AuditEvents.disclosure(e, NhsNumber.tryParse(nhsNumber).map(NhsNumber::value),
                        bySeq.get(e.seq()).acknowledgement())));
        return FhirContexts.r4().newJsonParser().encodeResourceToString(bundle);
    }
}
