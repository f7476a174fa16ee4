package org.seamless.mappings.vcs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;

/**
 * The plain JSON a voluntary organisation is sent (webhook body, pull inbox item, referral read),
 * mapped from a message as the privacy chain released it. Only what the released message holds
 * appears: a pseudonymised referral has {@code "identifiable": false} and a person with a pseudonym,
 * postcode district and age band instead of an NHS number, name and address.
 */
public final class VcsViews {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VcsViews() {
    }

    /** The plain JSON view of a referral, referral outcome, recall or home care event; empty for any other event. */
    public static Optional<ObjectNode> view(Bundle released) {
        Optional<SeamlessEvent> event = MessageBundles.event(released);
        if (event.isEmpty()) {
            return Optional.empty();
        }
        return switch (event.get()) {
            case REFERRAL -> Optional.of(referral(released));
            case REFERRAL_OUTCOME -> Optional.of(outcome(released));
            case RECALL -> org.seamless.mappings.recall.RecallMessages.read(released).map(VcsViews::recall);
            // a home-care provider is on the same adapter: its suspend/resume form (ADR 0063)
            case HOME_CARE_SUSPEND, HOME_CARE_RESUME -> org.seamless.mappings.d2a.HomeCareViews.view(released);
            default -> Optional.empty();
        };
    }

    /** The view as compact JSON text. */
    public static Optional<String> json(Bundle released) {
        return view(released).map(ObjectNode::toString);
    }

    /** A recall (ADR 0069): the recalled referrals or outcomes by the ids the organisation was sent, and what to do. */
    static ObjectNode recall(org.seamless.mappings.recall.RecallMessages.Recall r) {
        ObjectNode out = JSON.createObjectNode();
        out.put("type", "recall");
        out.put("recallId", r.recallId());
        out.put("instruction", org.seamless.mappings.recall.RecallMessages.INSTRUCTION);
        out.put("instructionText", org.seamless.mappings.recall.RecallMessages.INSTRUCTION_TEXT);
        if (r.purpose() != null) {
            out.put("purpose", r.purpose());
        }
        ArrayNode messages = out.putArray("messages");
        r.messages().forEach(m -> messages.addObject().put("from", m.source()).put("messageId", m.messageId())
                .put("replayGeneration", m.generation()));
        return out;
    }

    static ObjectNode referral(Bundle b) {
        ObjectNode out = JSON.createObjectNode();
        out.put("type", "referral");
        out.put("referralId", MessageBundles.messageId(b).orElse(null));
        Optional<ServiceRequest> sr = MessageBundles.first(b, ServiceRequest.class);
        sr.ifPresent(s -> {
            agency(b, s.getRequester()).ifPresent(a -> out.put("from", a));
            s.getPerformer().stream().map(Reference::getIdentifier)
                    .filter(i -> VcsFhir.AGENCY_SYSTEM.equals(i.getSystem())).findFirst()
                    .ifPresent(i -> out.put("to", i.getValue()));
            code(s.getCode().getCoding(), VcsFhir.SERVICE_SYSTEM).ifPresent(c -> out.put("service", c));
            ArrayNode needs = out.putArray("needs");
            s.getReasonCode().forEach(cc -> code(cc.getCoding(), VcsFhir.NEED_SYSTEM).ifPresent(needs::add));
            if (s.hasPriority()) {
                out.put("priority", s.getPriority().toCode());
            }
            if (s.hasNote()) {
                out.put("notes", s.getNoteFirstRep().getText());
            }
            if (s.hasAuthoredOnElement()) {
                out.put("authoredOn", s.getAuthoredOnElement().getValueAsString());
            }
            if (s.hasOccurrenceDateTimeType()) {
                out.put("startBy", s.getOccurrenceDateTimeType().getValueAsString());
            }
        });
        Patient p = MessageBundles.patient(b).orElse(new Patient());
        Optional<String> nhs = p.getIdentifier().stream().filter(i -> NhsNumber.SYSTEM.equals(i.getSystem())
                && i.hasValue()).map(Identifier::getValue).findFirst();
        out.put("identifiable", nhs.isPresent());
        out.set("person", nhs.isPresent() ? identifiable(p, nhs.get()) : pseudonymised(p));
        return out;
    }

    private static ObjectNode identifiable(Patient p, String nhs) {
        ObjectNode person = JSON.createObjectNode();
        person.put("nhsNumber", nhs);
        if (p.hasName()) {
            HumanName n = p.getNameFirstRep();
            if (n.hasGiven()) {
                person.put("givenName", n.getGiven().get(0).getValue());
            }
            if (n.hasFamily()) {
                person.put("familyName", n.getFamily());
            }
        }
        if (p.hasBirthDateElement()) {
            person.put("birthDate", p.getBirthDateElement().getValueAsString());
        }
        if (p.hasGender()) {
            person.put("gender", p.getGender().toCode());
        }
        p.getTelecom().stream().filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.PHONE).findFirst()
                .ifPresent(t -> person.put("phone", t.getValue()));
        if (p.hasAddress()) {
            Address a = p.getAddressFirstRep();
            ObjectNode address = person.putObject("address");
            ArrayNode lines = address.putArray("lines");
            a.getLine().forEach(l -> lines.add(l.getValue()));
            if (a.hasCity()) {
                address.put("city", a.getCity());
            }
            if (a.hasPostalCode()) {
                address.put("postcode", a.getPostalCode());
            }
        }
        return person;
    }

    private static ObjectNode pseudonymised(Patient p) {
        ObjectNode person = JSON.createObjectNode();
        p.getIdentifier().stream().filter(i -> VcsFhir.PSEUDONYM_SYSTEM.equals(i.getSystem())).findFirst()
                .ifPresent(i -> person.put("pseudonym", i.getValue()));
        Extension band = p.getExtensionByUrl(VcsFhir.AGE_BAND_EXTENSION);
        if (band != null && band.getValue() instanceof Range r) {
            person.put("ageBand", r.hasHigh() ? r.getLow().getValue().intValue() + "-" + r.getHigh().getValue().intValue()
                    : r.getLow().getValue().intValue() + "+");
        } else if (p.hasBirthDateElement()) {
            person.put("birthYear", p.getBirthDateElement().getYear());
        }
        if (p.hasGender()) {
            person.put("gender", p.getGender().toCode());
        }
        p.getAddress().stream().filter(Address::hasPostalCode).findFirst()
                .ifPresent(a -> person.put("postcodeDistrict", a.getPostalCode()));
        return person;
    }

    static ObjectNode outcome(Bundle b) {
        ObjectNode out = JSON.createObjectNode();
        out.put("type", "referral-outcome");
        out.put("outcomeId", MessageBundles.messageId(b).orElse(null));
        MessageBundles.first(b, Task.class).ifPresent(t -> {
            t.getBasedOn().stream().map(Reference::getIdentifier)
                    .filter(i -> VcsFhir.REFERRAL_SYSTEM.equals(i.getSystem())).findFirst()
                    .ifPresent(i -> out.put("referralId", i.getValue()));
            agency(b, t.getOwner()).ifPresent(a -> out.put("from", a));
            if (t.hasStatus()) {
                out.put("status", t.getStatus().toCode());
            }
            code(t.getBusinessStatus().getCoding(), VcsFhir.OUTCOME_CODE_SYSTEM).ifPresent(c -> out.put("outcome", c));
            if (t.getStatusReason().hasText()) {
                out.put("reason", t.getStatusReason().getText());
            }
            if (t.hasLastModifiedElement()) {
                out.put("updatedAt", t.getLastModifiedElement().getValueAsString());
            }
        });
        return out;
    }

    /** The agency id of a referenced Organization in the bundle, or of a logical agency reference. */
    private static Optional<String> agency(Bundle b, Reference ref) {
        if (ref == null || ref.isEmpty()) {
            return Optional.empty();
        }
        if (ref.hasIdentifier() && VcsFhir.AGENCY_SYSTEM.equals(ref.getIdentifier().getSystem())) {
            return Optional.ofNullable(ref.getIdentifier().getValue());
        }
        return MessageBundles.resolve(b, ref).filter(r -> r instanceof Organization).map(r -> (Organization) r)
                .flatMap(o -> o.getIdentifier().stream().filter(i -> VcsFhir.AGENCY_SYSTEM.equals(i.getSystem()))
                        .map(Identifier::getValue).findFirst());
    }

    private static Optional<String> code(java.util.List<Coding> codings, String system) {
        return codings.stream().filter(c -> system.equals(c.getSystem()) && c.hasCode()).map(Coding::getCode)
                .findFirst();
    }
}
