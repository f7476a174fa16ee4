package org.seamless.mappings.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.testdata.TestNotices;

class InboundMessageCheckTest {

    private static List<MessageIssue> checkAfter(Consumer<Bundle> breakIt) {
        Bundle bundle = TestNotices.discharge(31L).bundle();
        breakIt.accept(bundle);
        return InboundMessageCheck.check(bundle);
    }

    private static MessageHeader header(Bundle b) {
        return (MessageHeader) b.getEntry().get(0).getResource();
    }

    @Test
    void notABundle() {
        assertThat(InboundMessageCheck.check(new Patient()))
                .singleElement().satisfies(i -> {
                    assertThat(i.isError()).isTrue();
                    assertThat(i.diagnostics()).contains("Patient");
                });
    }

    @Test
    void unreadableJsonIsOneFatalIssue() {
        assertThat(InboundMessageCheck.check("{\"resourceType\": \"Bundle\", \"type\": ")).singleElement()
                .satisfies(i -> assertThat(i.code()).isEqualTo(IssueType.STRUCTURE));
    }

    @Test
    void emptyOrForeignBodiesAreFatal() {
        assertThat(InboundMessageCheck.check("")).singleElement().satisfies(i -> assertThat(i.isError()).isTrue());
        assertThat(InboundMessageCheck.check("<Bundle xmlns=\"http://hl7.org/fhir\"/>")).singleElement()
                .satisfies(i -> assertThat(i.isError()).isTrue());
        assertThat(InboundMessageCheck.check("{\"resourceType\": \"NoSuchThing\"}")).singleElement()
                .satisfies(i -> assertThat(i.isError()).isTrue());
    }

    @Test
    void invalidValueInJsonIsReportedWithoutTheValue() {
        String json = TestNotices.discharge(32L).json()
                .replaceFirst("\"birthDate\": \"[0-9-]+\"", "\"birthDate\": \"Smith-born-on-tuesday\"");
        assertThat(InboundMessageCheck.check(json)).anySatisfy(i -> {
            assertThat(i.isError()).isTrue();
            assertThat(i.diagnostics()).doesNotContain("Smith");
        });
    }

    @Test
    void wrongBundleType() {
        assertThat(checkAfter(b -> b.setType(Bundle.BundleType.COLLECTION)))
                .singleElement().satisfies(i -> assertThat(i.location()).isEqualTo("Bundle.type"));
    }

    @Test
    void firstEntryNotMessageHeader() {
        assertThat(checkAfter(b -> b.getEntry().add(b.getEntry().remove(0))))
                .extracting(MessageIssue::location).contains("Bundle.entry[0]");
    }

    @Test
    void missingMessageId() {
        assertThat(checkAfter(b -> header(b).setIdElement(null)))
                .singleElement().satisfies(i -> assertThat(i.location()).isEqualTo("Bundle.entry[0].resource.id"));
    }

    @Test
    void foreignEventSystemAndUnknownCode() {
        assertThat(checkAfter(b -> header(b).setEvent(new Coding("http://example.org/events", "discharge-notice", null))))
                .singleElement().satisfies(i -> assertThat(i.code()).isEqualTo(IssueType.CODEINVALID));
        assertThat(checkAfter(b -> header(b).setEvent(new Coding(SeamlessEvent.SYSTEM, "no-such-event", null))))
                .singleElement().satisfies(i -> assertThat(i.location()).endsWith("event.code"));
    }

    @Test
    void focusThatDoesNotResolve() {
        assertThat(checkAfter(b -> header(b).addFocus(new Reference("urn:uuid:00000000-0000-0000-0000-000000000000"))))
                .singleElement().satisfies(i -> assertThat(i.location()).isEqualTo("Bundle.entry[0].resource.focus[2]"));
    }

    @Test
    void focusResolvesByTypeAndId() {
        assertThat(checkAfter(b -> {
            Encounter e = MessageBundles.encounters(b).get(0);
            header(b).getFocus().get(1).setReference("Encounter/" + MessageBundles.logicalId(e));
        })).isEmpty();
    }

    @Test
    void noPatient() {
        assertThat(checkAfter(b -> {
            b.getEntry().removeIf(e -> e.getResource() instanceof Patient);
            header(b).getFocus().remove(0);
        })).singleElement().satisfies(i -> assertThat(i.diagnostics()).contains("no Patient"));
    }

    @Test
    void noticeWithoutEncounter() {
        assertThat(checkAfter(b -> {
            b.getEntry().removeIf(e -> e.getResource() instanceof Encounter);
            header(b).getFocus().remove(1);
        })).singleElement().satisfies(i -> assertThat(i.diagnostics()).contains("needs an Encounter"));
    }

    @Test
    void dischargeWithoutPlannedDate() {
        assertThat(checkAfter(b -> MessageBundles.encounters(b).get(0).getExtension().clear()))
                .singleElement().satisfies(i -> assertThat(i.location()).contains(FhirUrls.PLANNED_DISCHARGE_DATE));
    }

    @Test
    void severalProblemsAreAllReported() {
        List<MessageIssue> issues = checkAfter(b -> {
            b.setType(Bundle.BundleType.COLLECTION);
            header(b).setIdElement(null);
            header(b).getSource().setEndpoint(null);
        });
        assertThat(issues).hasSize(3).allMatch(MessageIssue::isError);
    }

    @Test
    void twoContainedResourcesSharingAnIdAreAnInvalidMessage() {
        String json = TestNotices.discharge(33L).json().replaceFirst("\"resourceType\"\\s*:\\s*\"Patient\"\\s*,",
                "\"resourceType\": \"Patient\", \"contained\": [{\"resourceType\": \"Organization\", \"id\": \"dup\","
                        + " \"name\": \"A\"}, {\"resourceType\": \"Organization\", \"id\": \"dup\", \"name\": \"B\"}],");
        assertThat(json).contains("\"dup\"");

        assertThat(InboundMessageCheck.parse(json, false).issues()).filteredOn(MessageIssue::isError)
                .anySatisfy(i -> assertThat(i.diagnostics()).contains("contained").contains("same id"));
    }

    @Test
    void twoEntriesSharingAnIdAreAnInvalidMessage() {
        List<MessageIssue> issues = checkAfter(b -> {
            Bundle.BundleEntryComponent org = b.getEntry().get(b.getEntry().size() - 1);
            b.addEntry().setFullUrl(org.getFullUrl()).setResource(org.getResource().copy());
        });
        assertThat(issues).filteredOn(MessageIssue::isError)
                .anySatisfy(i -> assertThat(i.diagnostics()).contains("same id"));
    }
}
