package org.seamless.mappings.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.csv.FormulaPolicy;
import org.seamless.mappings.csv.RecallCsv;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.vcs.VcsViews;

/** The recall message (ADR 0069) in its canonical form and its CSV and webhook forms, and its catalogue entry. */
class RecallMessagesTest {
    static final RecallMessages.Recall RECALL = new RecallMessages.Recall(
            RecallMessages.recallId("demo-trust", "8d1f1c7e-0000-4000-8000-000000000001", "demo-charity"), "referral",
            List.of(new RecallMessages.Recalled("demo-trust", "b-msg", 1),
                    new RecallMessages.Recalled("demo-trust", "a-msg", 0)));

    @Test
    void buildsAMessageThatNamesOnlyTheRecalledMessagesAndReadsBack() {
        Bundle b = MessageBundles.parse(MessageBundles.toJson(RecallMessages.build(RECALL, "demo-trust")));
        assertThat(MessageBundles.event(b)).contains(SeamlessEvent.RECALL);
        assertThat(MessageBundles.messageId(b)).contains(RECALL.recallId());
        assertThat(MessageBundles.first(b, Patient.class)).isEmpty();
        assertThat(b.getEntry()).hasSize(2);
        RecallMessages.Recall read = RecallMessages.read(b).orElseThrow();
        assertThat(read.purpose()).isEqualTo("referral");
        assertThat(read.messages()).containsExactly(new RecallMessages.Recalled("demo-trust", "a-msg", 0),
                new RecallMessages.Recalled("demo-trust", "b-msg", 1));
        // the same recall gives the same bytes
        assertThat(MessageBundles.toJson(RecallMessages.build(RECALL, "demo-trust")))
                .isEqualTo(MessageBundles.toJson(RecallMessages.build(RECALL, "demo-trust")));
    }

    @Test
    void theRecallIdIsStablePerCauseAndRecipient() {
        assertThat(RecallMessages.recallId("s", "m", "r")).isEqualTo(RecallMessages.recallId("s", "m", "r"))
                .isNotEqualTo(RecallMessages.recallId("s", "m", "r2")).isNotEqualTo(RecallMessages.recallId("s", "m2", "r"));
    }

    @Test
    void aMessageThatIsNotAWellFormedRecallIsNotRead() {
        Bundle withPatient = RecallMessages.build(RECALL, "demo-trust");
        withPatient.addEntry().setResource(new Patient());
        assertThat(RecallMessages.read(withPatient)).isEmpty();
        Bundle noInputs = RecallMessages.build(RECALL, "demo-trust");
        MessageBundles.first(noInputs, Task.class).orElseThrow().getInput().clear();
        assertThat(RecallMessages.read(noInputs)).isEmpty();
        Bundle badInput = RecallMessages.build(RECALL, "demo-trust");
        MessageBundles.first(badInput, Task.class).orElseThrow().getInputFirstRep()
                .setValue(new org.hl7.fhir.r4.model.StringType("a-msg"));
        assertThat(RecallMessages.read(badInput)).isEmpty();
        assertThatThrownBy(() -> RecallMessages.build(new RecallMessages.Recall("x", null, List.of()), "demo-trust"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void csvHasOneRowPerRecalledMessage() {
        String csv = new RecallCsv(FormulaPolicy.fromConfig("neutralise")).file(RecallMessages.build(RECALL, "demo-trust"), 2);
        assertThat(csv.split("\r\n")).containsExactly(
                "recall_id,replay_generation,event,instruction,purpose,recalled_source,recalled_message_id,recalled_generation",
                RECALL.recallId() + ",2,recall,stop-use-and-erase,referral,demo-trust,a-msg,0",
                RECALL.recallId() + ",2,recall,stop-use-and-erase,referral,demo-trust,b-msg,1");
    }

    @Test
    void theWebhookFormIsPlainJson() {
        String json = VcsViews.json(RecallMessages.build(RECALL, "demo-trust")).orElseThrow();
        assertThat(json).contains("\"type\":\"recall\"", "\"recallId\":\"" + RECALL.recallId() + "\"",
                "\"instruction\":\"stop-use-and-erase\"", "{\"from\":\"demo-trust\",\"messageId\":\"a-msg\",\"replayGeneration\":0}");
    }

    @Test
    void theMessageCatalogueListsEveryEvent() throws Exception {
        String catalogue = Files.readString(Path.of("../docs/message-catalogue.md"));
        String events = catalogue.substring(catalogue.indexOf("## Events"), catalogue.indexOf("## Field table"));
        Arrays.stream(SeamlessEvent.values()).forEach(e -> assertThat(events).as(e.code()).contains("`" + e.code() + "`"));
        assertThat(catalogue).contains("## Recall (`recall`, ADR 0069)");
    }
}
