package org.seamless.privacy.recall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.recall.RecallMessages;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.Purpose;
import org.seamless.privacy.decide.Outcome;
import org.seamless.privacy.ledger.EntryKind;
import org.seamless.privacy.ledger.LedgerEntry;

/**
 * Decides, after a consent update about one person has been applied, which earlier releases are
 * recalled (ADR 0069). A release is concerned when the update objects to, or withdraws a consent
 * for, its purpose and recipient. A concerned identifiable release that rested on a consent is
 * recalled when the person no longer consents for that purpose and recipient; one that rested on
 * a statutory basis is not recalled, and the ledger says why. Each release is recalled at most once
 * (its RECALL entry is keyed by the release); each recipient gets one recall message per update,
 * naming every message it received under a basis the update removed. Pure: reads nothing itself.
 */
public final class RecallPlanner {
    public static final String RECALLED = "RECALLED";
    public static final String STATUTORY_BASIS = "STATUTORY_BASIS";
    public static final String NO_RECIPIENT = "NO_RECIPIENT";
    private static final String RECALL_PREFIX = "recall ";

    /** Whether the person still consents, after the update, for this purpose and recipient. */
    @FunctionalInterface
    public interface StillConsented {
        boolean test(Purpose purpose, AgencyRef recipient);
    }

    /** The consent-update message that caused the plan, by its source agency and message id. */
    public record Cause(String source, String messageId) {
    }

    /** One recall message to one recipient and the releases it recalls. */
    public record PlannedRecall(AgencyRef recipient, RecallMessages.Recall recall, List<LedgerEntry> releases) {
    }

    /** The recalls to send, and the RECALL and NOT_RECALLED ledger entries to append. */
    public record Plan(List<PlannedRecall> recalls, List<LedgerEntry> entries) {
        public static Plan empty() {
            return new Plan(List.of(), List.of());
        }
    }

    private RecallPlanner() {
    }

    /**
     * @param subjectEntries the ledger entries about the person, in chain order
     * @param applied        the consent records the update appended
     * @param kinds          a registered agency's kind by id; empty when the agency is no longer registered
     */
    public static Plan plan(List<LedgerEntry> subjectEntries, List<ConsentRecord> applied,
                            Function<String, Optional<AgencyKind>> kinds, StillConsented still, Cause cause,
                            Instant now) {
        List<ConsentRecord> removing = applied.stream().filter(RecallPlanner::removesBasis).toList();
        if (removing.isEmpty()) {
            return Plan.empty();
        }
        Set<String> settled = new HashSet<>();
        for (LedgerEntry e : subjectEntries) {
            if (e.kind() == EntryKind.NOT_RECALLED || (e.kind() == EntryKind.RECALL
                    && !recallIdOf(e).equals(Optional.of(RecallMessages.recallId(cause.source(), cause.messageId(),
                    e.recipient()))))) {
                settled.add(key(e)); // why: recalled by an earlier update; a repeat of this update plans it again
            }
        }
        Map<String, List<LedgerEntry>> byRecipient = new LinkedHashMap<>();
        List<LedgerEntry> entries = new ArrayList<>();
        Instant at = LedgerEntry.stored(now);
        for (LedgerEntry release : subjectEntries) {
            if (release.kind() != EntryKind.RELEASE || !Outcome.RELEASE_IDENTIFIABLE.name().equals(release.outcome())
                    || SeamlessEvent.RECALL.code().equals(release.eventCode()) || settled.contains(key(release))) {
                continue;
            }
            Optional<Purpose> purpose = Purpose.fromCode(release.purpose());
            Optional<AgencyKind> kind = kinds.apply(release.recipient());
            if (purpose.isEmpty()) {
                continue;
            }
            if (kind.isEmpty()) {
                // why: the recipient is not registered any more; nothing can reach it, and the ledger says so
                if (removing.stream().anyMatch(r -> r.purpose() == purpose.get()
                        && r.recipient().agencySpecific() && r.recipient().value().equals(release.recipient()))
                        || restsOnConsent(release)) {
                    entries.add(entry(release, EntryKind.NOT_RECALLED, NO_RECIPIENT, "not recalled: the recipient "
                            + "is no longer registered; tell it by other means", at));
                }
                continue;
            }
            AgencyRef recipient = new AgencyRef(release.recipient(), kind.get());
            if (removing.stream().noneMatch(r -> r.appliesTo(purpose.get(), recipient))) {
                continue;
            }
            if (!restsOnConsent(release)) {
                entries.add(entry(release, EntryKind.NOT_RECALLED, STATUTORY_BASIS, cut("not recalled: released under"
                        + " rule " + release.ruleId() + ", whose basis does not rest on consent (" + release.legalBasis()
                        + ")"), at));
            } else if (!still.test(purpose.get(), recipient)) {
                byRecipient.computeIfAbsent(recipient.id() + '\u0000' + recipient.kind().code(), k -> new ArrayList<>())
                        .add(release);
            }
        }
        List<PlannedRecall> recalls = new ArrayList<>();
        byRecipient.values().forEach(releases -> {
            LedgerEntry first = releases.get(0);
            AgencyRef recipient = new AgencyRef(first.recipient(), kinds.apply(first.recipient()).orElseThrow());
            String recallId = RecallMessages.recallId(cause.source(), cause.messageId(), recipient.id());
            TreeSet<String> purposes = new TreeSet<>();
            releases.forEach(r -> purposes.add(r.purpose()));
            RecallMessages.Recall recall = new RecallMessages.Recall(recallId, purposes.first(), releases.stream()
                    .map(r -> new RecallMessages.Recalled(r.sourceAgency(), r.messageId(), r.replayGeneration()))
                    .toList());
            recalls.add(new PlannedRecall(recipient, recall, List.copyOf(releases)));
            releases.forEach(r -> entries.add(entry(r, EntryKind.RECALL, RECALLED, RECALL_PREFIX + recallId
                    + ": consent " + r.consentRef() + " no longer stands for this recipient", at)));
        });
        return new Plan(recalls, entries);
    }

    /** An objection, or the withdrawal of a consent: both can take away a recipient's basis. */
    static boolean removesBasis(ConsentRecord r) {
        return (r.kind() == ConsentRecord.Kind.OBJECTION && r.status() == ConsentRecord.Status.ACTIVE)
                || (r.kind() == ConsentRecord.Kind.CONSENT && r.status() == ConsentRecord.Status.WITHDRAWN);
    }

    /** The release rested on a consent (a consent rule released it), not on a statutory basis or an override. */
    public static boolean restsOnConsent(LedgerEntry release) {
        return release.consentRef() != null && release.overrideReason() == null;
    }

    /** The recall message id a RECALL entry names. */
    public static Optional<String> recallIdOf(LedgerEntry recallEntry) {
        String reason = recallEntry.overrideReason();
        if (recallEntry.kind() != EntryKind.RECALL || reason == null || !reason.startsWith(RECALL_PREFIX)) {
            return Optional.empty();
        }
        int end = reason.indexOf(':', RECALL_PREFIX.length());
        return end < 0 ? Optional.empty() : Optional.of(reason.substring(RECALL_PREFIX.length(), end));
    }

    private static String key(LedgerEntry e) {
        return e.sourceAgency() + '\u0000' + e.messageId() + '\u0000' + e.recipient() + '\u0000' + e.replayGeneration();
    }

    private static String cut(String s) {
        return s.length() <= 400 ? s : s.substring(0, 399) + "…";
    }

    private static LedgerEntry entry(LedgerEntry release, EntryKind kind, String outcome, String reason, Instant at) {
        return new LedgerEntry(0, kind, release.messageId(), release.recipient(), release.replayGeneration(),
                release.eventCode(), release.sourceAgency(), release.subjectIndex(), outcome, release.ruleId(),
                release.purpose(), release.legalBasis(), release.consentRef(), cut(reason), null,
                release.payloadDigest(), at, at, null);
    }
}
