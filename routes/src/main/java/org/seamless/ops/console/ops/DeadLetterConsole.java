package org.seamless.ops.console.ops;

import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.ops.replay.DeadLetters;
import org.seamless.ops.replay.ReplayService;
import org.seamless.app.security.web.OperatorActions;
import org.seamless.ops.tracking.MessageTracking;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;

/**
 * What the console's dead-letter pages do: list each agency's dead letters with their last failure,
 * replay a selection through the privacy chain with a required reason, and follow the new generation.
 * A replay runs the kept inbound message through intake and the chain again (as {@code POST
 * /api/ops/replay} does); the parked copy is then taken off the dead-letter address, since the new
 * generation supersedes it. Every list and every replay is recorded with the person (and the reason).
 */
@Service
@ConditionalOnProperty(name = "seamless.run-hub", havingValue = "true", matchIfMissing = true)
public class DeadLetterConsole {
    /** The most messages one replay may select. */
    public static final int MAX_SELECTION = 50;

    private final AgencyRegistry registry;
    private final DeadLetters deadLetters;
    private final ReplayService replays;
    private final MessageTracking tracking;
    private final OperatorActions actions;

    public DeadLetterConsole(AgencyRegistry registry, DeadLetters deadLetters, ReplayService replays,
                             MessageTracking tracking, OperatorActions actions) {
        this.registry = registry;
        this.deadLetters = deadLetters;
        this.replays = replays;
        this.tracking = tracking;
        this.actions = actions;
    }

    /** One agency's dead letters, for the overview. */
    public record AgencyDeadLetters(AgencyConfig agency, List<DeadLetters.DeadLetter> messages) {
        /** The most recent failure among them, if any was recorded. */
        public Optional<DeadLetters.DeadLetter> lastFailure() {
            return messages.stream().filter(m -> m.lastFailedAt() != null)
                    .max(java.util.Comparator.comparing(DeadLetters.DeadLetter::lastFailedAt));
        }
    }

    /** Every agency's dead letters (the overview); recorded as one listing. */
    public List<AgencyDeadLetters> overview() throws JMSException {
        actions.record("dead-letter-list", "*", "listed");
        List<AgencyDeadLetters> out = new ArrayList<>();
        for (AgencyConfig a : registry.all()) {
            out.add(new AgencyDeadLetters(a, deadLetters.list(a)));
        }
        return out;
    }

    /** One agency's dead letters; empty when the registry has no such agency. */
    public Optional<AgencyDeadLetters> list(String agencyId) throws JMSException {
        Optional<AgencyConfig> agency = registry.find(agencyId);
        actions.record("dead-letter-list", agencyId, agency.isPresent() ? "listed" : "not-found");
        if (agency.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AgencyDeadLetters(agency.get(), deadLetters.list(agency.get())));
    }

    /** What happened to one selected message: the generation it was replayed as, or why it was not. */
    public record Replayed(String messageId, int generation, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /**
     * Replays the selected dead letters of the agency, each recorded with the person and the reason.
     * Nothing is replayed when the reason or the selection is refused ({@link Reason.Invalid}).
     */
    public List<Replayed> replay(String agencyId, List<String> messageIds, String rawReason) throws JMSException {
        AgencyConfig agency = registry.find(agencyId).orElseThrow(() -> new Reason.Invalid("No agency has this id"));
        List<String> selected = new ArrayList<>(new LinkedHashSet<>(messageIds == null ? List.<String>of()
                : messageIds.stream().filter(id -> id != null && !id.isBlank()).toList()));
        if (selected.isEmpty()) {
            throw new Reason.Invalid("Select at least one message to replay");
        }
        if (selected.size() > MAX_SELECTION) {
            throw new Reason.Invalid("Select " + MAX_SELECTION + " messages or fewer");
        }
        Reason reason = Reason.of(rawReason, "the replay");
        List<String> parked = deadLetters.list(agency).stream().map(DeadLetters.DeadLetter::messageId).toList();
        List<Replayed> out = new ArrayList<>();
        for (String id : selected) {
            if (!parked.contains(id)) {
                actions.record("replay", id, "not-found", reason.text());
                out.add(new Replayed(id, 0, "not a dead letter of " + agency.id() + " (already replayed?)"));
                continue;
            }
            try {
                int generation = replays.replay(id);
                actions.record("replay", id, "replayed", reason.text());
                deadLetters.remove(agency, id);
                out.add(new Replayed(id, generation, null));
            } catch (ReplayService.ReplayException e) {
                actions.record("replay", id, "not-found", reason.text());
                out.add(new Replayed(id, 0, e.getMessage()));
            }
        }
        return out;
    }

    /** Where a message stands now, per recipient (its newest generation); empty when it is unknown. */
    public Optional<MessageTracking.MessageView> status(String messageId) {
        List<String> sources = tracking.sources(messageId);
        return sources.size() == 1 ? tracking.track(messageId, sources.get(0)) : Optional.empty();
    }

    /**
     * True once every leg has reached generation {@code generation} or later and has gone past "released"
     * (delivered, withheld, refused, dead-lettered or answered): the page stops polling.
     */
    public static boolean settled(MessageTracking.MessageView view, int generation) {
        return !view.recipients().isEmpty() && view.recipients().stream().allMatch(l -> l.replayGeneration() >= generation
                && !List.of("received", "released").contains(l.state()));
    }
}
