package org.seamless.mappings.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.message.FhirUrls;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.MessageIssue;
import org.seamless.mappings.message.ResponseMessages;
import org.seamless.mappings.testdata.TestNotices;

class UkCoreValidationTest {

    @Test
    void dischargeNoticeHasNoErrorsAgainstUkCore() {
        Bundle bundle = TestNotices.discharge(3L).bundle();
        assertThat(MessageBundles.patient(bundle).orElseThrow().getMeta().hasProfile(FhirUrls.UKCORE_PATIENT)).isTrue();
        assertThat(MessageBundles.encounters(bundle).get(0).getMeta().hasProfile(FhirUrls.UKCORE_ENCOUNTER)).isTrue();

        ValidationResult result = UkCoreValidation.validate(bundle);

        result.getMessages().stream().filter(m -> m.getSeverity() != ResultSeverityEnum.INFORMATION)
                .forEach(m -> System.out.println("[validator] " + m.getSeverity() + " " + m.getLocationString() + " " + m.getMessage()));
        assertThat(errors(result)).isEmpty();
    }

    @Test
    void profileViolationIsReportedAsError() {
        Bundle bundle = TestNotices.discharge(4L).bundle();
        Patient patient = MessageBundles.patient(bundle).orElseThrow();
        patient.getIdentifierFirstRep().setValue(null); // UK Core: NHS number identifier needs a value

        assertThat(errors(UkCoreValidation.validate(bundle)))
                .anySatisfy(m -> assertThat(m.getLocationString()).contains("Patient"));
    }

    @Test
    void plannedDischargeExtensionIsCheckedAgainstItsDefinition() {
        Bundle bundle = TestNotices.discharge(6L).bundle();
        Encounter encounter = MessageBundles.encounters(bundle).get(0);
        encounter.getExtensionByUrl(FhirUrls.PLANNED_DISCHARGE_DATE).setValue(new StringType("next Tuesday"));

        assertThat(errors(UkCoreValidation.validate(bundle)))
                .anySatisfy(m -> assertThat(m.getLocationString()).contains("Encounter"));
    }

    @Test
    void unknownSeamlessEventCodeIsAnError() {
        Bundle bundle = TestNotices.discharge(7L).bundle();
        ((MessageHeader) bundle.getEntryFirstRep().getResource()).getEventCoding().setCode("no-such-event");

        assertThat(errors(UkCoreValidation.validate(bundle))).isNotEmpty();
    }

    @Test
    void responseMessagesHaveNoErrors() {
        Bundle original = TestNotices.discharge(8L).bundle();
        ResponseMessages.Responder la = new ResponseMessages.Responder("0d8f6c1e-2b9a-4f47-8c1e-5a7b3d2e9f10",
                "urn:nhs-uk:addressing:ods:E08000035", Instant.parse("2025-03-02T10:00:00Z"));
        List<MessageIssue> issues = List.of(MessageIssue.error(IssueType.BUSINESSRULE, null, "Patient not resident in this area"));

        assertThat(errors(UkCoreValidation.validate(ResponseMessages.ok(original, la)))).isEmpty();
        assertThat(errors(UkCoreValidation.validate(ResponseMessages.fatalError(original, la, issues)))).isEmpty();
    }

    private static List<SingleValidationMessage> errors(ValidationResult result) {
        return result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
    }
}
