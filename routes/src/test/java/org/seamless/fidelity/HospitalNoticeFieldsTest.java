package org.seamless.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.Digests;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.csv.FormulaPolicy;
import org.seamless.mappings.csv.HospitalNoticeCsv;
import org.seamless.mappings.itk.NoticeEnvelopes;
import org.seamless.mappings.message.NoticeFields;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.PrivacyChain;

/**
 * Issue 24 faults 1 and 2: the planned discharge date and the patient's phone number, which the
 * message catalogue promises to the local authority, survive the shipped privacy chain and reach
 * the CSV row and the ITK payload.
 */
class HospitalNoticeFieldsTest {
    private static final ShippedChain CHAIN = new ShippedChain();
    private static final AgencyRef TRUST = new AgencyRef("demo-trust", AgencyKind.NHS_TRUST);
    private static final AgencyRef COUNCIL = new AgencyRef("demo-la-csv", AgencyKind.LOCAL_AUTHORITY);

    @AfterAll
    static void close() {
        CHAIN.close();
    }

    private static Bundle released(TestNotices.Notice notice) {
        PrivacyChain.LegResult r = CHAIN.leg(notice.bundle(), notice.details().event(), TRUST, COUNCIL);
        assertThat(r.decision().releases()).as(r.decision().toString()).isTrue();
        return r.released().orElseThrow();
    }

    @Test
    void theRecordedPayloadDigestIsOfExactlyTheEncodingThatIsSent() {
        // ADR 0086: the chain encodes a release once; ChainStep sends this text, the ledger holds its digest
        TestNotices.Notice notice = TestNotices.discharge(2403);
        PrivacyChain.LegResult r = CHAIN.leg(notice.bundle(), notice.details().event(), TRUST, COUNCIL);
        String sent = r.releasedJson().orElseThrow();
        assertThat(r.record().payloadDigest()).contains(Digests.sha256Hex(sent));
        assertThat(sent).isEqualTo(FhirContexts.r4().newJsonParser().encodeResourceToString(r.released().orElseThrow()));
    }

    @Test
    void thePlannedDischargeDateReachesTheCsvRowAndTheItkPayload() {
        TestNotices.Notice notice = TestNotices.discharge(2401);
        Bundle out = released(notice);

        List<String> row = new HospitalNoticeCsv(FormulaPolicy.OFF).values(out, 0);
        assertThat(row.get(HospitalNoticeCsv.COLUMNS.indexOf("planned_discharge_date")))
                .isEqualTo(notice.details().plannedDischargeDate().toString());
        String xml = NoticeEnvelopes.envelope(out, "urn:nhs-uk:addressing:ods:DEMO2", "demo-trust", 0).payloads().get(0).content();
        Bundle carried = (Bundle) FhirContexts.r4().newXmlParser().parseResource(xml);
        assertThat(NoticeFields.encounter(carried).flatMap(NoticeFields::plannedDischargeDate))
                .contains(notice.details().plannedDischargeDate());
    }

    @Test
    void theCsvPhoneColumnHoldsThePatientsFirstPhoneNumber() {
        TestNotices.Notice notice = TestNotices.discharge(2402);
        assertThat(notice.details().phone()).isNotBlank();

        List<String> row = new HospitalNoticeCsv(FormulaPolicy.OFF).values(released(notice), 0);
        assertThat(row.get(HospitalNoticeCsv.COLUMNS.indexOf("phone"))).isEqualTo(notice.details().phone());
    }
}
