package org.seamless.testsupport.pds;

import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.canonical.NhsNumber;

/** One HTTP answer of the simulator and the FHIR bodies it sends, shaped as the published examples. */
record PdsAnswer(int status, String body, Map<String, String> headers) {
    static final String ERROR_SYSTEM = "https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode";
    static final String VERIFICATION_EXTENSION =
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus";
    static final String VERIFICATION_SYSTEM = "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatus";

    static PdsAnswer error(int status, String issueCode, String code, String diagnostics) {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.fromCode(issueCode))
                .setDetails(new CodeableConcept(new Coding(ERROR_SYSTEM, code, code.replace('_', ' ').toLowerCase())
                        .setVersion("1")))
                .setDiagnostics(diagnostics);
        return new PdsAnswer(status, json(oo), new java.util.LinkedHashMap<>());
    }

    static String tooManyMatches() {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                .setCode(OperationOutcome.IssueType.MULTIPLEMATCHES)
                .setDetails(new CodeableConcept(new Coding(ERROR_SYSTEM, "TOO_MANY_MATCHES", "Too Many Matches")
                        .setVersion("1")));
        return json(oo);
    }

    static String searchset(List<PdsRegister.Scored> found, String baseUrl) {
        Bundle b = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(found.size());
        b.setTimestamp(new Date());
        for (PdsRegister.Scored s : found) {
            b.addEntry().setFullUrl(baseUrl + "/Patient/" + s.person().nhsNumber())
                    .setResource(patient(s.person()))
                    .getSearch().setScore(BigDecimal.valueOf(s.score()));
        }
        return json(b);
    }

    static String patientJson(PdsRegister.Person p) {
        return json(patient(p));
    }

    private static Patient patient(PdsRegister.Person p) {
        Patient pt = new Patient();
        pt.setId(p.nhsNumber());
        pt.getMeta().setVersionId("1").addSecurity("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "U",
                "unrestricted");
        Identifier id = pt.addIdentifier().setSystem(NhsNumber.SYSTEM).setValue(p.nhsNumber());
        id.addExtension(VERIFICATION_EXTENSION, new CodeableConcept(new Coding(VERIFICATION_SYSTEM, "01",
                "Number present and verified").setVersion("1.0.0")));
        var name = pt.addName().setUse(org.hl7.fhir.r4.model.HumanName.NameUse.USUAL).setFamily(p.family());
        if (p.given() != null) {
            name.addGiven(p.given());
        }
        if (p.gender() != null) {
            pt.setGender(Enumerations.AdministrativeGender.fromCode(p.gender()));
        }
        pt.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(p.birthDate().toString()));
        if (p.postcode() != null) {
            pt.addAddress().setId("456");
            pt.getAddressFirstRep().setUse(org.hl7.fhir.r4.model.Address.AddressUse.HOME)
                    .setPeriod(new org.hl7.fhir.r4.model.Period().setStartElement(
                            new org.hl7.fhir.r4.model.DateTimeType("2020-01-01")))
                    .setPostalCode(p.postcode());
        }
        if (p.deceased() != null) {
            pt.setDeceased(new org.hl7.fhir.r4.model.DateTimeType(p.deceased() + "T00:00:00+00:00"));
        }
        return pt;
    }

    private static String json(org.hl7.fhir.instance.model.api.IBaseResource r) {
        return FhirContexts.r4().newJsonParser().encodeResourceToString(r);
    }
}
