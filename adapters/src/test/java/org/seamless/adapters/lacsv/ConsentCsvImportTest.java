package org.seamless.adapters.lacsv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seamless.adapters.registry.AdapterConfig;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.BrokerAddresses;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.MessageIssue;
import org.seamless.mappings.testdata.TestNhsNumbers;

class ConsentCsvImportTest {
    private static final String HEADER = "reference,nhs_number,decision,purpose,recipient_agency,recipient_kind,"
            + "start_date,end_date,status";
    private static final AgencyConfig LA = new AgencyConfig("la-1", "LA", AgencyKind.LOCAL_AUTHORITY, "", Optional.empty(),
            new AdapterConfig(LaCsvAdapterType.NAME, Map.of()), BrokerAddresses.conventional("la-1"), List.of(),
            Optional.empty());

    @TempDir
    Path dir;

    /** Admits everything except purpose "marketing" (standing in for the hub mapper); remembers admitted ids. */
    static final class FakeGate implements InboundGate {
        final List<String> admitted = new ArrayList<>();
        /** Consent references the gate refuses when publishing (valid by the checks, as a duplicate id with other content is). */
        final java.util.Set<String> refuseAtAdmit = new java.util.HashSet<>();

        @Override
        public Admission admit(Submission s) {
            String id = MessageBundles.messageId(s.message()).orElseThrow();
            Consent consent = MessageBundles.first(s.message(), Consent.class).orElseThrow();
            if (refuseAtAdmit.contains(consent.getIdentifierFirstRep().getValue())) {
                return new Rejected(List.of(MessageIssue.error(IssueType.DUPLICATE, "Bundle.identifier",
                        "message id already used with other content")), "q-1", "duplicate-id-different-content");
            }
            boolean dup = admitted.contains(id);
            admitted.add(id);
            return new Accepted(id, dup);
        }

        @Override
        public List<MessageIssue> check(Submission s) {
            Consent c = MessageBundles.first(s.message(), Consent.class).orElseThrow();
            return c.getProvision().getPurposeFirstRep().getCode().equals("marketing")
                    ? List.of(MessageIssue.error(IssueType.INVALID, "Consent.provision.purpose[0]", "unknown purpose"))
                    : List.of();
        }
    }

    @Test
    void validRowsArePublishedWithIdsFromContentAndLineAndARerunIsAllDuplicates() throws Exception {
        List<String> nhs = TestNhsNumbers.distinct(9001, 10).stream().map(n -> n.value()).toList();
        StringBuilder csv = new StringBuilder("\uFEFF" + HEADER + "\r\n");
        for (int i = 0; i < 10; i++) {
            csv.append("r").append(i).append(',').append(nhs.get(i)).append(",consent,referral,charity,,,,\r\n");
        }
        csv.append("bad,").append(TestNhsNumbers.badCheckDigit(new Random(1))).append(",consent,referral,charity,,,,\r\n");
        Path file = write("consents-a.csv", csv.toString());
        FakeGate gate = new FakeGate();
        ConsentCsvImport importer = new ConsentCsvImport(LA, gate, 10);

        ConsentImportResult first = importer.importFile(file, dir.resolve("out"));
        assertThat(first.applied()).isTrue();
        assertThat(first.rowsRead()).isEqualTo(11);
        assertThat(first.accepted()).isEqualTo(10);
        assertThat(first.rejected()).isEqualTo(1);
        List<String> rejects = Files.readAllLines(dir.resolve("out/consents-a.csv.rejects.csv"));
        assertThat(rejects).containsExactly("line,code,reason",
                "12,invalid-nhs-number,NHS number fails the Modulus 11 check (column nhs_number)");
        assertThat(Files.readString(dir.resolve("out/consents-a.csv.summary.csv"))).contains(",11,10,0,1,0,applied,");

        ConsentImportResult again = importer.importFile(file, dir.resolve("out"));
        assertThat(again.duplicates()).isEqualTo(10);
        assertThat(gate.admitted.subList(10, 20)).isEqualTo(gate.admitted.subList(0, 10));
    }

    @Test
    void theSummaryReconcilesReadWithAcceptedRejectedAndRefusedByTheGateEachCountedOnce() throws Exception {
        List<String> nhs = TestNhsNumbers.distinct(9101, 4).stream().map(n -> n.value()).toList();
        Path file = write("consents-counts.csv", HEADER + "\n"
                + "r1," + nhs.get(0) + ",consent,referral,charity,,,,\n"           // line 2: accepted
                + "r2," + nhs.get(1) + ",consent,marketing,charity,,,,\n"          // line 3: rejected by the checks
                + "gate-says-no," + nhs.get(2) + ",consent,referral,charity,,,,\n" // line 4: refused by the gate
                + "r4," + nhs.get(3) + ",consent,referral,charity,,,,\n");         // line 5: accepted
        FakeGate gate = new FakeGate();
        gate.refuseAtAdmit.add("gate-says-no");

        ConsentImportResult r = new ConsentCsvImport(LA, gate, 50).importFile(file, dir.resolve("out"));

        assertThat(r.applied()).isTrue();
        List<String> summary = Files.readAllLines(dir.resolve("out/consents-counts.csv.summary.csv"));
        assertThat(summary.get(0)).isEqualTo("file,sha256,rows_read,accepted,duplicates,rejected,refused_by_gate,outcome,reason");
        assertThat(summary.get(1)).contains(",4,2,0,1,1,applied,");
        // each line that was not applied is listed once: the rejected row with its code, the refused one as the gate's
        assertThat(Files.readAllLines(dir.resolve("out/consents-counts.csv.rejects.csv")))
                .extracting(l -> l.split(",")[0] + ":" + l.split(",")[1])
                .containsExactly("line:code", "3:invalid-consent", "4:duplicate-id-different-content");
        assertThat(Files.readString(dir.resolve("out/consents-counts.csv.rejects.csv"))).contains("refused by the inbound gate");
    }

    @Test
    void aFileOverTheThresholdPublishesNothing() throws Exception {
        String nhs = TestNhsNumbers.FIXED;
        Path file = write("consents-b.csv", HEADER + "\nr1," + nhs + ",consent,referral,charity,,,,\n"
                + "r2," + nhs + ",consent,marketing,charity,,,,\n" + "r3," + nhs + ",maybe,referral,charity,,,,\n"
                + "r4," + nhs + ",consent,referral,charity,,,,\n");
        FakeGate gate = new FakeGate();
        ConsentImportResult r = new ConsentCsvImport(LA, gate, 10).importFile(file, dir.resolve("out"));
        assertThat(r.applied()).isFalse();
        assertThat(r.folder()).isEqualTo("failed");
        assertThat(r.reason()).contains("2 of 4 rows rejected").contains("threshold");
        assertThat(gate.admitted).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("out/consents-b.csv.rejects.csv")))
                .extracting(l -> l.split(",")[0]).containsExactly("line", "3", "4");
        // exactly at the threshold is still applied
        assertThat(new ConsentCsvImport(LA, gate, 50).importFile(file, dir.resolve("out")).applied()).isTrue();
    }

    @Test
    void aBadHeaderOrInvalidUtf8RejectsTheWholeFile() throws Exception {
        FakeGate gate = new FakeGate();
        ConsentImportResult header = new ConsentCsvImport(LA, gate, 10)
                .importFile(write("consents-c.csv", "reference,nhs\nr1,x\n"), dir.resolve("out"));
        assertThat(header.applied()).isFalse();
        assertThat(header.reason()).contains("unknown column 'nhs'");
        Path latin1 = dir.resolve("consents-d.csv");
        Files.write(latin1, (HEADER + "\nr\u00e9,x,consent,referral,c,,,,\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(new ConsentCsvImport(LA, gate, 10).importFile(latin1, dir.resolve("out")).reason())
                .contains("not valid UTF-8");
        assertThat(gate.admitted).isEmpty();
    }

    @Test
    void impossibleDatesInEitherDateColumnAreRejectedRowsWithTheirLine() throws Exception {
        String nhs = TestNhsNumbers.FIXED;
        Path file = write("consents-dates.csv", HEADER + "\n"
                + "r1," + nhs + ",consent,referral,charity,,2023-02-29,,\n"   // line 2: 29 February of a common year
                + "r2," + nhs + ",consent,referral,charity,,2025-04-01,2025-04-31,\n" // line 3: 31 April
                + "r3," + nhs + ",consent,referral,charity,,2024-02-29,2025-04-30,\n"); // line 4: valid (leap day)
        FakeGate gate = new FakeGate();
        ConsentImportResult r = new ConsentCsvImport(LA, gate, 100).importFile(file, dir.resolve("out"));
        assertThat(r.rejected()).isEqualTo(2);
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(Files.readAllLines(dir.resolve("out/consents-dates.csv.rejects.csv")))
                .extracting(l -> l.split(",")[0] + ":" + l.split(",")[1])
                .containsExactly("line:code", "2:invalid-date", "3:invalid-date");
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
