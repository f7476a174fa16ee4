package org.seamless.mappings.d2a;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Task;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.FhirUrls;
import org.seamless.mappings.message.MessageBundles;

/**
 * The plain JSON a home-care provider is sent (webhook body, pull inbox item) for a released
 * {@code home-care-suspend} or {@code home-care-resume}, mapped from the message as the privacy chain
 * released it, so only what the release holds appears:
 * <pre>{"type": "home-care-suspend", "eventId": "...", "council": "demo-la-csv", "hospitalOdsCode": "DEMO1",
 *  "packageId": "PKG-1", "visits": "suspend", "fromDate": "2026-03-02T08:15:00Z", "note": "...",
 *  "person": {"nhsNumber", "givenName", "familyName", "birthDate", "address": {"line1", "postcode"}},
 *  "wardPhone": "..."}</pre>
 * {@code visits} is {@code suspend}, {@code resume} or {@code stay-suspended} (discharged elsewhere than
 * home: contact the council); {@code fromDate} is the admission time, or the discharge date.
 */
public final class HomeCareViews {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HomeCareViews() {
    }

    /** The view of a home care message; empty for any other event. */
    public static Optional<ObjectNode> view(Bundle released) {
        Optional<SeamlessEvent> event = MessageBundles.event(released);
        if (event.isEmpty() || event.get() != SeamlessEvent.HOME_CARE_SUSPEND
                && event.get() != SeamlessEvent.HOME_CARE_RESUME) {
            return Optional.empty();
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("type", event.get().code());
        out.put("eventId", MessageBundles.messageId(released).orElse(null));
        MessageBundles.first(released, Task.class).ifPresent(t -> {
            if (t.getFocus().hasIdentifier()) {
                Identifier pkg = t.getFocus().getIdentifier();
                if (pkg.hasSystem() && pkg.getSystem().startsWith(D2aCodes.CARE_PACKAGE_ID_PREFIX)) {
                    out.put("council", pkg.getSystem().substring(D2aCodes.CARE_PACKAGE_ID_PREFIX.length()));
                }
                out.put("packageId", pkg.getValue());
            }
            t.getBusinessStatus().getCoding().stream().filter(c -> HomeCareMessages.VISITS_SYSTEM.equals(c.getSystem()))
                    .map(Coding::getCode).findFirst().ifPresent(c -> out.put("visits", c));
            if (t.getExecutionPeriod().hasStartElement()) {
                out.put("fromDate", t.getExecutionPeriod().getStartElement().getValueAsString());
            }
            if (t.hasNote()) {
                out.put("note", t.getNoteFirstRep().getText());
            }
        });
        MessageBundles.first(released, Organization.class).ifPresent(o -> {
            o.getIdentifier().stream().filter(i -> FhirUrls.ODS_ORGANIZATION_CODE.equals(i.getSystem())).findFirst()
                    .ifPresent(i -> out.put("hospitalOdsCode", i.getValue()));
            o.getContact().stream().flatMap(c -> c.getTelecom().stream()).findFirst()
                    .ifPresent(t -> out.put("wardPhone", t.getValue()));
        });
        out.set("person", person(MessageBundles.patient(released).orElse(new Patient())));
        return Optional.of(out);
    }

    private static ObjectNode person(Patient p) {
        ObjectNode person = JSON.createObjectNode();
        p.getIdentifier().stream().filter(i -> NhsNumber.SYSTEM.equals(i.getSystem()) && i.hasValue()).findFirst()
                .ifPresent(i -> person.put("nhsNumber", i.getValue()));
        if (p.hasName()) {
            HumanName n = p.getNameFirstRep();
            if (n.hasGiven()) {
                person.put("givenName", n.getGivenAsSingleString());
            }
            if (n.hasFamily()) {
                person.put("familyName", n.getFamily());
            }
        }
        if (p.hasBirthDateElement()) {
            person.put("birthDate", p.getBirthDateElement().getValueAsString());
        }
        if (p.hasAddress()) {
            Address a = p.getAddressFirstRep();
            ObjectNode address = person.putObject("address");
            if (a.hasLine()) {
                address.put("line1", a.getLine().get(0).getValue());
            }
            if (a.hasPostalCode()) {
                address.put("postcode", a.getPostalCode());
            }
        }
        return person;
    }
}
