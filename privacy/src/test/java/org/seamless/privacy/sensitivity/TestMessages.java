package org.seamless.privacy.sensitivity;

import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;

/** Builds canonical test messages: a message Bundle with a MessageHeader, the subject Patient and more. */
public final class TestMessages {
    public static final String SNOMED = DefaultSensitivityCodes.SNOMED;
    public static final String CONFIDENTIALITY = DefaultSensitivityCodes.CONFIDENTIALITY;

    private final Bundle bundle = new Bundle();
    private final MessageHeader header = new MessageHeader();
    private final Patient patient = new Patient();

    private TestMessages(SeamlessEvent event, NhsNumber nhs) {
        bundle.setType(Bundle.BundleType.MESSAGE);
        bundle.setId(UUID.randomUUID().toString());
        header.setEvent(new Coding(SeamlessEvent.SYSTEM, event.code(), event.display()));
        add(header);
        patient.addIdentifier().setSystem(NhsNumber.SYSTEM).setValue(nhs.value());
        add(patient);
    }

    public static TestMessages message(SeamlessEvent event, NhsNumber nhs) {
        return new TestMessages(event, nhs);
    }

    /** Adds a resource as an entry with a urn:uuid fullUrl, and returns a reference to it. */
    public Reference add(Resource r) {
        String id = UUID.randomUUID().toString();
        r.setId(id);
        String fullUrl = "urn:uuid:" + id;
        bundle.addEntry().setFullUrl(fullUrl).setResource(r);
        return new Reference(fullUrl);
    }

    /** Adds a resource and makes it a focus of the MessageHeader. */
    public Reference focus(Resource r) {
        Reference ref = add(r);
        header.addFocus(ref.copy());
        return ref;
    }

    public Reference patientRef() {
        return new Reference(bundle.getEntry().get(1).getFullUrl());
    }

    public Patient patient() {
        return patient;
    }

    public MessageHeader header() {
        return header;
    }

    public Bundle bundle() {
        return bundle;
    }

    public static Coding snomed(String code) {
        return new Coding(SNOMED, code, null);
    }

    public static <T extends Resource> T labelled(T r, String confidentiality) {
        r.getMeta().addSecurity(new Coding(CONFIDENTIALITY, confidentiality, null));
        return r;
    }
}
