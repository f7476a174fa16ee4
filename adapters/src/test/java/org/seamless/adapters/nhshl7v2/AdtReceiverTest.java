package org.seamless.adapters.nhshl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.registry.AdapterConfig;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.BrokerAddresses;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;

/** The receiver's answers, message by message, with a gate that keeps what it admits in memory. */
class AdtReceiverTest {
    static final String NHS = "9990000018";
    static final AgencyConfig TRUST = new AgencyConfig("hl7-trust", "HL7 trust", AgencyKind.NHS_TRUST, "RXX",
            Optional.empty(), new AdapterConfig(NhsHl7v2AdapterType.NAME, Map.of("port", "0")),
            BrokerAddresses.conventional("hl7-trust"), List.of());

    final Map<String, String> admitted = new HashMap<>();
    final List<RejectedInputStore.Rejection> kept = new ArrayList<>();
    final InboundGate gate = new InboundGate() {
        @Override
        public Admission admit(Submission s) {
            String id = MessageBundles.messageId(s.message()).orElseThrow();
            String json = s.json();
            String before = admitted.putIfAbsent(id, json);
            if (before != null && !before.equals(json)) {
                return new Rejected(List.of(), "ref", "duplicate-id-different-content");
            }
            return new Accepted(id, before != null);
        }

        @Override
        public List<org.seamless.mappings.message.MessageIssue> check(Submission s) {
            return List.of();
        }
    };
    final RejectedInputStore store = r -> {
        kept.add(r);
        return "Q-" + kept.size();
    };
    final AdtReceiver receiver = receiver();

    private AdtReceiver receiver() {
        AdtReceiver r = new AdtReceiver(false, gate, store, Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"),
                ZoneOffset.UTC));
        r.add(new AdtReceiver.Sender(TRUST, "RXX", Optional.empty(), NoticeRules.parse(NoticeRules.DEFAULT_NOTICES,
                "I", "*", "*")));
        return r;
    }

    static String adt(String trigger, String version, String control, String pid3, String birth, String pv1Class,
                      String admit, String discharge) {
        return "MSH|^~\\&|PAS|RXX|SEAMLESS|SEAMLESS|20260301093000||ADT^" + trigger + "|" + control + "|P|" + version
                + "\rEVN|" + trigger + "|20260301093000\r"
                + "PID|1||" + pid3 + "||Smith^Jane||" + birth + "|F|||1 High Street^^Leeds^^LS1 1AA||0113 496 0000\r"
                + pv1(pv1Class, admit, discharge) + "\r";
    }

    /** PV1 with class (2), ward (3), specialty (10), visit number (19), admit (44) and discharge (45). */
    static String pv1(String pv1Class, String admit, String discharge) {
        String[] f = new String[46];
        java.util.Arrays.fill(f, "");
        f[0] = "PV1";
        f[1] = "1";
        f[2] = pv1Class;
        f[3] = "WARD5^^^RXX";
        f[10] = "MED";
        f[19] = "V123";
        f[44] = admit;
        f[45] = discharge;
        return String.join("|", f);
    }

    AdtReceiver.Answer send(String message) {
        return receiver.receive(message.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void anAdmissionRaisesAnAdmissionNoticeAndIsAcceptedOnceEvenWhenRepeated() {
        String m = adt("A01", "2.4", "C1", NHS + "^^^NHS^NH", "19500101", "I", "20260301080000", "");
        AdtReceiver.Answer a = send(m);
        assertThat(a.ackCode()).isEqualTo("AA");
        assertThat(a.outcome()).isEqualTo("notice");
        assertThat(new String(a.ack(), StandardCharsets.UTF_8)).contains("MSA|AA|C1");
        String id = AdtNotices.messageId("hl7-trust", "C1");
        var bundle = MessageBundles.parse(admitted.get(id));
        assertThat(MessageBundles.event(bundle)).contains(SeamlessEvent.ADMISSION_NOTICE);
        assertThat(admitted.get(id)).contains(NHS).contains("LS1 1AA").contains("WARD5");
        AdtReceiver.Answer again = send(m);
        assertThat(again.ackCode()).isEqualTo("AA");
        assertThat(again.outcome()).isEqualTo("duplicate");
    }

    @Test
    void everySupportedVersionParses() {
        for (String v : List.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1")) {
            assertThat(send(adt("A03", v, "D-" + v, NHS + "^^^NHS^NH", "19500101", "I", "20260301080000",
                    "20260305120000")).outcome()).as(v).isEqualTo("notice");
        }
        var bundle = MessageBundles.parse(admitted.get(AdtNotices.messageId("hl7-trust", "D-2.3")));
        assertThat(MessageBundles.event(bundle)).contains(SeamlessEvent.DISCHARGE_NOTICE);
    }

    @Test
    void updatesLeaveAndOutpatientsAreDroppedAndAnsweredAccepted() {
        AdtReceiver.Answer update = send(adt("A08", "2.4", "U1", NHS + "^^^NHS^NH", "19500101", "I", "20260301080000", ""));
        assertThat(update.ackCode()).isEqualTo("AA");
        assertThat(update.reason()).isEqualTo("not-a-notice");
        AdtReceiver.Answer outpatient = send(adt("A04", "2.4", "O1", NHS + "^^^NHS^NH", "19500101", "O",
                "20260301080000", ""));
        assertThat(outpatient.reason()).isEqualTo("patient-class");
        assertThat(admitted).isEmpty();
        assertThat(kept).isEmpty();
    }

    @Test
    void badContentIsAnsweredAeNamingTheFieldAndKept() {
        assertProblem(adt("A01", "2.4", "B1", "12345^^^RXX^MR", "19500101", "I", "20260301080000", ""), "AE",
                "missing-nhs-number", "PID^1^3");
        assertProblem(adt("A01", "2.4", "B2", "9990000019^^^NHS^NH", "19500101", "I", "20260301080000", ""), "AE",
                "invalid-nhs-number", "PID^1^3");
        assertProblem(adt("A01", "2.4", "B3", NHS + "^^^NHS^NH", "19501301", "I", "20260301080000", ""), "AE",
                "bad-date", "PID^1^7");
        assertProblem(adt("A99", "2.4", "B4", NHS + "^^^NHS^NH", "19500101", "I", "20260301080000", ""), "AE",
                "unknown-event", "MSH^1^9");
        assertProblem(adt("A01", "2.6", "B5", NHS + "^^^NHS^NH", "19500101", "I", "20260301080000", ""), "AE",
                "unsupported-version", "MSH^1^12");
        assertProblem(adt("A03", "2.4", "B6", NHS + "^^^NHS^NH", "19500101", "I", "20260301080000", "2026"), "AE",
                "bad-date", "PV1^1^45");
        assertProblem("this is not HL7", "AR", "no-msh", "MSH");
        assertThat(admitted).isEmpty();
        assertThat(kept).hasSize(7);
        assertThat(kept).allSatisfy(k -> assertThat(k.reason()).doesNotContain(NHS).doesNotContain("Smith"));
    }

    @Test
    void anotherFacilityIsRefusedAndNotKept() {
        String m = adt("A01", "2.4", "X1", NHS + "^^^NHS^NH", "19500101", "I", "20260301080000", "")
                .replace("|PAS|RXX|", "|PAS|OTHER|");
        AdtReceiver.Answer a = send(m);
        assertThat(a.ackCode()).isEqualTo("AR");
        assertThat(kept).isEmpty();
    }

    private void assertProblem(String message, String ack, String reason, String err) {
        AdtReceiver.Answer a = send(message);
        String text = new String(a.ack(), StandardCharsets.UTF_8);
        assertThat(a.ackCode()).as(reason).isEqualTo(ack);
        assertThat(a.reason()).as(reason).isEqualTo(reason);
        assertThat(text).as(reason).contains("MSA|" + ack).contains("ERR|" + err);
    }
}
