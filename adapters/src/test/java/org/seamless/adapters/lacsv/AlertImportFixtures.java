package org.seamless.adapters.lacsv;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.spi.AlertExtractState;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.MessageIssue;

/** Test doubles for alert extract imports: a gate that admits and keeps everything, and state in memory. */
final class AlertImportFixtures {
    private AlertImportFixtures() {
    }

    /**
     * Admits and keeps every new message; like the broker gate, the same id again with the same content
     * is a duplicate (accepted, not kept again) and with other content is refused
     * ({@code duplicate-id-different-content}); alert ids in {@link #refuseAlertIds} are refused
     * ({@code refused-for-test}), standing in for the gate's own checks.
     */
    static final class CollectingGate implements InboundGate {
        final List<Bundle> admitted = new ArrayList<>();
        final Map<String, String> contentById = new HashMap<>();
        final java.util.Set<String> refuseAlertIds = new java.util.HashSet<>();

        @Override
        public Admission admit(Submission s) {
            String id = MessageBundles.messageId(s.message()).orElseThrow();
            String alertId = org.seamless.mappings.alert.AlertMessages.flag(s.message()).orElseThrow()
                    .getIdentifierFirstRep().getValue();
            if (refuseAlertIds.contains(alertId.substring(alertId.indexOf('/') + 1))) {
                return new Rejected(List.of(MessageIssue.error(
                        org.hl7.fhir.r4.model.OperationOutcome.IssueType.BUSINESSRULE, "Flag", "refused by the test gate")),
                        "q-" + id, "refused-for-test");
            }
            String content = MessageBundles.toJson(s.message());
            String before = contentById.putIfAbsent(id, content);
            if (before != null) {
                return before.equals(content) ? new Accepted(id, true) : new Rejected(
                        List.of(MessageIssue.error(org.hl7.fhir.r4.model.OperationOutcome.IssueType.DUPLICATE,
                                "Bundle.id", "the message id was used for other content")), "q-" + id,
                        "duplicate-id-different-content");
            }
            admitted.add(s.message());
            return new Accepted(id, false);
        }

        @Override
        public List<MessageIssue> check(Submission s) {
            return List.of();
        }
    }

    static final class MemoryState implements AlertExtractState {
        final Map<String, Known> known = new HashMap<>();
        final Map<String, SocialCareAlert> alerts = new HashMap<>();
        final Map<String, String> seen = new HashMap<>();
        final List<String> operatorAlerts = new ArrayList<>();

        @Override
        public Map<String, Known> lookup(String agencyId, Collection<String> alertIds) {
            Map<String, Known> out = new HashMap<>();
            alertIds.forEach(id -> {
                if (known.containsKey(id)) {
                    out.put(id, known.get(id));
                }
            });
            return out;
        }

        @Override
        public void markSeen(String agencyId, String runId, Collection<String> alertIds) {
            // as the table does: an UPDATE marks only alerts already in the state
            alertIds.stream().filter(known::containsKey).forEach(id -> seen.put(id, runId));
        }

        @Override
        public long countActive(String agencyId) {
            return known.values().stream().filter(Known::active).count();
        }

        @Override
        public long countActiveNotSeen(String agencyId, String runId) {
            return known.entrySet().stream().filter(e -> e.getValue().active() && !runId.equals(seen.get(e.getKey()))).count();
        }

        @Override
        public void forEachActiveNotSeen(String agencyId, String runId, Consumer<SocialCareAlert> each) {
            known.entrySet().stream().filter(e -> e.getValue().active() && !runId.equals(seen.get(e.getKey())))
                    .map(e -> alerts.get(e.getKey())).sorted(java.util.Comparator.comparing(SocialCareAlert::alertId))
                    .forEach(each);
        }

        @Override
        public void save(String agencyId, String seenRun, List<Saved> rows) {
            rows.forEach(r -> {
                if (seenRun != null) {
                    seen.put(r.alert().alertId(), seenRun);
                }
                known.put(r.alert().alertId(), new Known(r.digest(), r.active()));
                alerts.put(r.alert().alertId(), r.alert());
            });
        }

        @Override
        public void operatorAlert(String agencyId, String code, String detail) {
            operatorAlerts.add(code + ": " + detail);
        }
    }

    /** Distinct valid 999-range NHS numbers, reproducible from the seed. */
    static List<String> nhsNumbers(int n, long seed) {
        Random r = new Random(seed);
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        while (out.size() < n) {
            String nine = "999" + String.format("%06d", r.nextInt(1_000_000));
            Integer check = NhsNumber.checkDigitFor(nine);
            if (check != null) {
                out.add(nine + check);
            }
        }
        return new ArrayList<>(out);
    }
}
