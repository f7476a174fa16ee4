package org.seamless.adapters.lacsv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seamless.adapters.registry.AdapterConfig;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.BrokerAddresses;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.MessageIssue;

class ResponseCsvImportTest {
    private static final AgencyConfig LA = new AgencyConfig("la-1", "LA", AgencyKind.LOCAL_AUTHORITY, "LA1",
            Optional.empty(), new AdapterConfig(LaCsvAdapterType.NAME, Map.of()), BrokerAddresses.conventional("la-1"),
            List.of(), Optional.empty());

    @TempDir
    Path dir;

    /** Refuses the second message it is given (as it refuses an answer to a notice this LA was never sent). */
    static final class SecondRefusedGate implements InboundGate {
        final List<String> admitted = new ArrayList<>();
        int calls;

        @Override
        public Admission admit(Submission s) {
            if (++calls == 2) {
                return new Rejected(List.of(MessageIssue.error(IssueType.NOTFOUND, "MessageHeader.response.identifier",
                        "no notice with this id was sent to this agency")), "q-" + calls, "unknown-message");
            }
            String id = MessageBundles.messageId(s.message()).orElseThrow();
            admitted.add(id);
            return new Accepted(id, false);
        }

        @Override
        public List<MessageIssue> check(Submission s) {
            return List.of();
        }
    }

    @Test
    void theSummaryReconcilesReadWithAcceptedRejectedAndRefusedByTheGateEachCountedOnce() throws Exception {
        Path file = Files.writeString(dir.resolve("responses-a.csv"), "message_id,outcome,reason\r\n"
                + UUID.randomUUID() + ",accepted,\r\n"   // line 2: accepted
                + UUID.randomUUID() + ",accepted,\r\n"   // line 3: refused by the gate
                + UUID.randomUUID() + ",maybe,\r\n"      // line 4: rejected (bad outcome)
                + UUID.randomUUID() + ",accepted,\r\n", StandardCharsets.UTF_8); // line 5: accepted
        List<RejectedInputStore.Rejection> kept = new ArrayList<>();
        SecondRefusedGate gate = new SecondRefusedGate();

        ConsentImportResult r = new ResponseCsvImport(LA, gate, k -> {
            kept.add(k);
            return "k-" + kept.size();
        }).importFile(file, dir.resolve("out"));

        assertThat(r.applied()).isTrue();
        assertThat(gate.admitted).hasSize(2);
        List<String> summary = Files.readAllLines(dir.resolve("out/responses-a.csv.summary.csv"));
        assertThat(summary.get(0)).isEqualTo("file,sha256,rows_read,accepted,duplicates,rejected,refused_by_gate,outcome,reason");
        assertThat(summary.get(1)).contains(",4,2,0,1,1,applied,");
        assertThat(Files.readAllLines(dir.resolve("out/responses-a.csv.rejects.csv")))
                .extracting(l -> l.split(",")[0] + ":" + l.split(",")[1])
                .containsExactly("line:code", "3:unknown-message", "4:bad-outcome");
        assertThat(Files.readString(dir.resolve("out/responses-a.csv.rejects.csv"))).contains("refused by the inbound gate");
        assertThat(kept).extracting(RejectedInputStore.Rejection::reasonCode).containsExactly("bad-outcome");
    }
}
