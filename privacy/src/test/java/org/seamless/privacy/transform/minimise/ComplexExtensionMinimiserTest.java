package org.seamless.privacy.transform.minimise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seamless.privacy.transform.TestMessages.COUNCIL;
import static org.seamless.privacy.transform.TestMessages.decision;
import static org.seamless.privacy.transform.TestMessages.request;
import static org.seamless.privacy.transform.TestMessages.resources;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.seamless.privacy.decide.Outcome;
import org.seamless.privacy.transform.TestMessages;

/**
 * A complex extension listed on a released element (the UK Core AddressKey carrying the UPRN, ADR 0060)
 * keeps its parts; an unlisted one beside it, and its parts, are still removed.
 */
class ComplexExtensionMinimiserTest {
    private static final String KEY = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-AddressKey";
    private static final String OTHER = "https://example.org/unlisted";

    @Test
    void aListedComplexExtensionKeepsItsPartsAndAnUnlistedOneGoes() {
        Minimiser minimiser = new Minimiser(MinimisationProfiles.load(new ByteArrayInputStream("""
                profiles:
                  p:
                    allow:
                      - Patient.address
                      - Patient.address.extension('%s')
                """.formatted(KEY).getBytes(StandardCharsets.UTF_8)), "test"));
        Bundle in = TestMessages.notice(false);
        Patient patient = resources(in, Patient.class).get(0);
        Address address = patient.getAddressFirstRep();
        Extension key = address.addExtension().setUrl(KEY);
        key.addExtension("type", new StringType("UPRN"));
        key.addExtension("value", new StringType("100023336956"));
        Extension other = address.addExtension().setUrl(OTHER);
        other.addExtension("secret", new StringType("kept nowhere"));

        Bundle out = minimiser.apply(in, request(COUNCIL, false), decision(Outcome.RELEASE_IDENTIFIABLE, "p"));

        Address released = resources(out, Patient.class).get(0).getAddressFirstRep();
        assertThat(released.getExtensionByUrl(KEY).getExtensionByUrl("value").getValue().primitiveValue())
                .isEqualTo("100023336956");
        assertThat(released.getExtensionByUrl(OTHER)).isNull();
        assertThat(TestMessages.json(out)).doesNotContain("kept nowhere");
    }
}
