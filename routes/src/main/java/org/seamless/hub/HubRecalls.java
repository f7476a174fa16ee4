package org.seamless.hub;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.recall.RecallMessages;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.PrivacyChain;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.ConsentRegistry;
import org.seamless.privacy.consent.ConsentStanding;
import org.seamless.privacy.decide.ConsentAuthority;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.identify.Subject;
import org.seamless.privacy.ledger.JdbcLedger;
import org.seamless.privacy.ledger.LedgerQueries;
import org.seamless.privacy.recall.RecallPlanner;
import org.seamless.privacy.record.SubjectIndex;

/**
 * After a consent update about a person has been applied: the recall legs (ADR 0069), one per
 * recipient whose basis the update took away, each a {@code recall} message that goes through the
 * privacy chain like any other leg; and the ledger's RECALL and NOT_RECALLED entries. Runs in the
 * consent update's broker transaction, so a failure redelivers the update and plans the same recalls.
 */
public class HubRecalls {
    private final LedgerQueries queries;
    private final JdbcLedger ledger;
    private final SubjectIndex subjectIndex;
    private final ConsentRegistry registry;
    private final ConsentAuthority authority;
    private final AgencyRegistry agencies;
    private final Clock clock;

    public HubRecalls(LedgerQueries queries, JdbcLedger ledger, SubjectIndex subjectIndex, ConsentRegistry registry,
                      ConsentAuthority authority, AgencyRegistry agencies, Clock clock) {
        this.queries = queries;
        this.ledger = ledger;
        this.subjectIndex = subjectIndex;
        this.registry = registry;
        this.authority = authority;
        this.agencies = agencies;
        this.clock = clock;
    }

    /** The recall legs for an applied consent update from {@code source} with id {@code messageId}. */
    public List<Leg> legs(Subject subject, List<ConsentRecord> applied, AgencyConfig source, String messageId) {
        if (!subject.isIdentified() || applied.isEmpty()) {
            return List.of();
        }
        var now = clock.instant();
        var nhs = subject.nhsNumber().orElseThrow();
        RecallPlanner.Plan plan = RecallPlanner.plan(queries.bySubject(subjectIndex.indexOf(subject)), applied,
                this::kindOf, (purpose, recipient) -> registry.standing(nhs, purpose, recipient, now,
                        authority::authorises).position() == ConsentStanding.Position.CONSENTED,
                new RecallPlanner.Cause(source.id(), messageId), now);
        plan.entries().forEach(ledger::append); // idempotent: keyed by the recalled release
        List<Leg> legs = new ArrayList<>();
        for (RecallPlanner.PlannedRecall recall : plan.recalls()) {
            AgencyConfig recipient = agencies.get(recall.recipient().id());
            legs.add(new Leg(new PrivacyChain.Leg(new DecisionRequest(recall.recall().recallId(), SeamlessEvent.RECALL,
                    new AgencyRef(source.id(), source.kind()), recall.recipient(), subject, now),
                    RecallMessages.build(recall.recall(), source.id()), 0), recipient));
        }
        return legs;
    }

    private Optional<AgencyKind> kindOf(String agencyId) {
        return agencies.all().stream().filter(a -> a.id().equals(agencyId)).map(AgencyConfig::kind).findFirst();
    }
}
