package org.seamless.mappings.recall;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.ResourceIds;

/**
 * The {@code recall} message (ADR 0069): a MessageHeader and one Task whose inputs name the
 * recalled messages (sender agency, message id, replay generation) and whose code is the
 * instruction. It names no person: the recipient finds the data by the message ids it was given.
 */
public final class RecallMessages {
    /** CodeSystem of recall instructions and input types. */
    public static final String SYSTEM = "https://seamless.dev/fhir/CodeSystem/seamless-recall";
    /** The one instruction: stop using, and delete or restrict, what the listed messages carried. */
    public static final String INSTRUCTION = "stop-use-and-erase";
    public static final String INSTRUCTION_TEXT = "The person's consent no longer stands: stop using the data"
            + " received in the listed messages, and delete it or restrict it as your retention duties allow";
    /** Input type of one recalled message; its value is an Identifier (system: the sender, value: the id). */
    public static final String RECALLED_MESSAGE = "recalled-message";
    /** Identifier system prefix naming the sending agency of a recalled message. */
    public static final String MESSAGE_SYSTEM_PREFIX = "https://seamless.dev/fhir/Id/message/";
    private static final String GENERATION_SUFFIX = "#g";

    private RecallMessages() {
    }

    /** One recalled message as the recipient received it. */
    public record Recalled(String source, String messageId, int generation) {
        public Recalled {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(messageId, "messageId");
        }
    }

    /** What a recall says: its id, the purpose the data was shared for, and the recalled messages. */
    public record Recall(String recallId, String purpose, List<Recalled> messages) {
        public Recall {
            messages = List.copyOf(messages);
        }
    }

    /** The recall id: a name-based UUID of what caused it and who receives it, so a repeated step makes the same id. */
    public static String recallId(String causeSource, String causeMessageId, String recipient) {
        return UUID.nameUUIDFromBytes(("seamless-recall|" + causeSource + "|" + causeMessageId + "|" + recipient)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Builds the message; the recalled messages are sorted so the same recall always gives the same bytes. */
    public static Bundle build(Recall recall, String sourceAgency) {
        if (recall.messages().isEmpty()) {
            throw new IllegalArgumentException("a recall names at least one message");
        }
        String id = recall.recallId();
        MessageHeader header = new MessageHeader();
        header.setId(id);
        header.setEvent(new Coding(SeamlessEvent.SYSTEM, SeamlessEvent.RECALL.code(), SeamlessEvent.RECALL.display()));
        header.getSource().setEndpoint("urn:seamless:agency:" + sourceAgency);
        Task task = new Task();
        String taskId = ResourceIds.derived(id, "Task");
        task.setId(taskId);
        task.addIdentifier(new Identifier().setSystem("https://seamless.dev/fhir/Id/recall").setValue(id));
        task.setStatus(Task.TaskStatus.REQUESTED);
        task.setIntent(Task.TaskIntent.ORDER);
        task.setCode(new CodeableConcept(new Coding(SYSTEM, INSTRUCTION, INSTRUCTION_TEXT)));
        if (recall.purpose() != null) {
            task.setReasonCode(new CodeableConcept(new Coding("https://seamless.dev/fhir/CodeSystem/seamless-purpose",
                    recall.purpose(), null)));
        }
        recall.messages().stream().sorted(Comparator.comparing(Recalled::source).thenComparing(Recalled::messageId)
                .thenComparingInt(Recalled::generation)).forEach(m -> task.addInput()
                .setType(new CodeableConcept(new Coding(SYSTEM, RECALLED_MESSAGE, null)))
                .setValue(new Identifier().setSystem(MESSAGE_SYSTEM_PREFIX + m.source())
                        .setValue(m.messageId() + GENERATION_SUFFIX + m.generation())));
        header.addFocus(new Reference(ResourceIds.urn(taskId)));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.MESSAGE);
        bundle.setId(ResourceIds.derived(id, "Bundle"));
        bundle.addEntry().setFullUrl(ResourceIds.urn(id)).setResource(header);
        bundle.addEntry().setFullUrl(ResourceIds.urn(taskId)).setResource(task);
        return bundle;
    }

    /**
     * Reads a recall back. Empty when the message is not a well-formed recall: not the recall event,
     * no Task with the instruction, no recalled message, or any Patient in it (a recall names no person).
     */
    public static Optional<Recall> read(Bundle bundle) {
        if (MessageBundles.event(bundle).filter(e -> e == SeamlessEvent.RECALL).isEmpty()
                || MessageBundles.first(bundle, Patient.class).isPresent()) {
            return Optional.empty();
        }
        Optional<Task> task = MessageBundles.first(bundle, Task.class)
                .filter(t -> t.getCode().getCoding().stream().anyMatch(c -> SYSTEM.equals(c.getSystem())
                        && INSTRUCTION.equals(c.getCode())));
        if (task.isEmpty()) {
            return Optional.empty();
        }
        List<Recalled> messages = new ArrayList<>();
        for (Task.ParameterComponent in : task.get().getInput()) {
            boolean recalled = in.getType().getCoding().stream().anyMatch(c -> SYSTEM.equals(c.getSystem())
                    && RECALLED_MESSAGE.equals(c.getCode()));
            if (!recalled || !(in.getValue() instanceof Identifier i) || i.getSystem() == null
                    || !i.getSystem().startsWith(MESSAGE_SYSTEM_PREFIX) || i.getValue() == null) {
                return Optional.empty();
            }
            int cut = i.getValue().lastIndexOf(GENERATION_SUFFIX);
            if (cut <= 0) {
                return Optional.empty();
            }
            try {
                messages.add(new Recalled(i.getSystem().substring(MESSAGE_SYSTEM_PREFIX.length()),
                        i.getValue().substring(0, cut), Integer.parseInt(i.getValue().substring(cut + 2))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        if (messages.isEmpty()) {
            return Optional.empty();
        }
        String purpose = task.get().getReasonCode().getCoding().stream()
                .map(Coding::getCode).findFirst().orElse(null);
        return Optional.of(new Recall(MessageBundles.messageId(bundle).orElse(null), purpose, messages));
    }
}
