package org.seamless.privacy.notshared;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;
import org.seamless.privacy.decide.Decision;
import org.seamless.privacy.decide.DecisionEngine;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.decide.Outcome;

/**
 * Honours recorded decisions not to share (ADR 0082) before any sharing rule: a leg whose message carries
 * an item (a resource's business identifier, the person's own identifiers excepted) that a council or trust
 * decided not to share with this recipient, or with anyone, is withheld, whatever the rules and consents
 * say. A decision can only withhold: it never releases what the rules withhold.
 */
public final class NotSharedDecisionEngine implements DecisionEngine {
    public static final String RULE_ID = "decision-not-to-share";
    public static final String LEGAL_BASIS = "Recorded decision not to share (Children Act 1989 s47, Children Act 2004"
            + " s11; Working Together to Safeguard Children 2023)";

    private final DecisionEngine next;
    private final NotSharedRegister register;

    public NotSharedDecisionEngine(DecisionEngine next, NotSharedRegister register) {
        this.next = Objects.requireNonNull(next);
        this.register = Objects.requireNonNull(register);
    }

    @Override
    public Decision decide(DecisionRequest request, Bundle message) {
        Set<String> items = itemKeys(message);
        if (!items.isEmpty()) {
            Optional<NotSharedRegister.Match> m = register.find(items, request.recipient().id());
            if (m.isPresent()) {
                return new Decision(Outcome.WITHHOLD, RULE_ID, "safeguarding", LEGAL_BASIS, Optional.empty(), "none",
                        Optional.empty(), List.of("withheld by decision not to share " + m.get().decisionId()
                        + " recorded by " + m.get().recordedBy()));
            }
        }
        return next.decide(request, message);
    }

    /** The business identifiers of the message's resources, as {@code system|value}; the subject's own are left out. */
    public static Set<String> itemKeys(Bundle message) {
        Set<String> keys = new LinkedHashSet<>();
        if (message == null) {
            return keys;
        }
        for (Bundle.BundleEntryComponent e : message.getEntry()) {
            Resource r = e.getResource();
            if (r == null || r instanceof Patient) {
                continue; // why: the person's NHS number is not an item; an objection covers the person
            }
            Property p = r.getNamedProperty("identifier");
            if (p == null) {
                continue;
            }
            for (Base b : p.getValues()) {
                if (b instanceof Identifier i && i.hasValue()) {
                    keys.add(NotSharedRegister.key(i.getSystem(), i.getValue()));
                }
            }
        }
        return keys;
    }
}
