package org.seamless.mappings.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.ResourceIds;

/**
 * Builds FHIR R4 {@code Consent} resources from a {@link ConsentSpec} and wraps a Consent in the
 * canonical consent-update message (MessageHeader, a Patient carrying only the NHS number, the
 * Consent). Deterministic: the same input and message id give the same JSON.
 */
public final class ConsentMessages {
    /** The project's purpose CodeSystem (the hub's mapper reads {@code provision.purpose} in it). */
    public static final String PURPOSE_SYSTEM = "https://seamless.dev/fhir/CodeSystem/seamless-purpose";
    /** Identifier system of Seamless agency ids. */
    public static final String AGENCY_SYSTEM = "https://seamless.dev/fhir/Id/agency";
    /** CodeSystem of agency kinds. */
    public static final String KIND_SYSTEM = "https://seamless.dev/fhir/CodeSystem/agency-kind";
    /** Prefix of the per-agency identifier system of references sent through Seamless's own front doors. */
    public static final String REFERENCE_SYSTEM_PREFIX = "https://seamless.dev/fhir/Id/consent-reference/";
    static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    private ConsentMessages() {
    }

    /** The registry reference ({@code system|value}) of an agency's own consent reference. */
    public static String referenceFor(String sourceAgency, String localReference) {
        return REFERENCE_SYSTEM_PREFIX + sourceAgency + "|" + localReference;
    }

    /** A FHIR Consent saying what the spec says. */
    public static Consent toConsent(ConsentSpec spec) {
        Consent c = new Consent();
        int bar = spec.reference().indexOf('|');
        c.addIdentifier().setSystem(spec.reference().substring(0, bar)).setValue(spec.reference().substring(bar + 1));
        c.setStatus(spec.active() ? Consent.ConsentState.ACTIVE : Consent.ConsentState.INACTIVE);
        c.getScope().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null));
        c.setPatient(new Reference().setIdentifier(new Identifier().setSystem(NhsNumber.SYSTEM).setValue(spec.nhsNumber())));
        Consent.ProvisionComponent p = c.getProvision();
        p.setType(spec.objection() ? Consent.ConsentProvisionType.DENY : Consent.ConsentProvisionType.PERMIT);
        spec.purposes().forEach(code -> p.addPurpose(new Coding(PURPOSE_SYSTEM, code, null)));
        for (int i = 0; i < spec.recipients().size(); i++) {
            ConsentSpec.Recipient r = spec.recipients().get(i);
            Reference ref;
            if (r.agency() != null) {
                ref = new Reference().setIdentifier(new Identifier().setSystem(AGENCY_SYSTEM).setValue(r.agency()));
            } else {
                Organization kind = new Organization();
                kind.setId("recipient-" + i);
                kind.addType(new CodeableConcept(new Coding(KIND_SYSTEM, r.kind(), null)));
                c.addContained(kind);
                ref = new Reference("#recipient-" + i);
            }
            p.addActor().setRole(new CodeableConcept(new Coding(PARTICIPATION_TYPE, "IRCP", null))).setReference(ref);
        }
        if (spec.start() != null) {
            p.getPeriod().setStartElement(day(spec.start()));
        }
        if (spec.end() != null) {
            p.getPeriod().setEndElement(day(spec.end()));
        }
        return c;
    }

    /**
     * Gives a Consent that has only a logical id an identifier in the sender's reference system, so
     * its registry reference does not depend on how the id travels; returns the same Consent.
     */
    public static Consent withStableReference(Consent consent, String sourceAgency) {
        if (consent.getIdentifier().stream().noneMatch(i -> i.hasSystem() && i.hasValue())
                && consent.getIdElement().hasIdPart()) {
            consent.addIdentifier().setSystem(REFERENCE_SYSTEM_PREFIX + sourceAgency)
                    .setValue(consent.getIdElement().getIdPart());
        }
        return consent;
    }

    /**
     * The canonical consent-update message.
     *
     * @param nhsNumber the subject, as the hub's mapper read it from the Consent
     * @param timestamp the bundle timestamp, or null to keep the message a pure function of its input
     */
    public static Bundle consentUpdate(Consent consent, NhsNumber nhsNumber, String messageId, String sourceAgency,
                                       Instant timestamp) {
        MessageHeader header = new MessageHeader();
        header.setId(messageId);
        header.setEvent(new Coding(SeamlessEvent.SYSTEM, SeamlessEvent.CONSENT_UPDATE.code(),
                SeamlessEvent.CONSENT_UPDATE.display()));
        header.getSource().setEndpoint("urn:seamless:agency:" + sourceAgency);
        Patient patient = new Patient();
        patient.setId(ResourceIds.derived(messageId, "Patient"));
        patient.addIdentifier().setSystem(NhsNumber.SYSTEM).setValue(nhsNumber.value());
        String consentId = ResourceIds.derived(messageId, "Consent");
        consent.setId(consentId);
        header.addFocus(new Reference(ResourceIds.urn(consentId)));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.MESSAGE);
        bundle.setId(ResourceIds.derived(messageId, "Bundle"));
        if (timestamp != null) {
            bundle.setTimestampElement(new InstantType(Date.from(timestamp)));
        }
        bundle.addEntry().setFullUrl(ResourceIds.urn(messageId)).setResource(header);
        bundle.addEntry().setFullUrl(ResourceIds.urn(patient.getIdElement().getIdPart())).setResource(patient);
        bundle.addEntry().setFullUrl(ResourceIds.urn(consentId)).setResource(consent);
        return bundle;
    }

    private static DateTimeType day(LocalDate date) {
        return new DateTimeType(date.toString());
    }
}
