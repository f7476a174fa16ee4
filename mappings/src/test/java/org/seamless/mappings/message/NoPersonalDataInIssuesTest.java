package org.seamless.mappings.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MessageHeader;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.testdata.TestNotices;

/** Whatever is wrong with a message, the issues reported never repeat the person's details. */
class NoPersonalDataInIssuesTest {

    @Property(tries = 300)
    void diagnosticsAndLocationsNeverContainPersonalValues(@ForAll long seed, @ForAll @IntRange(min = 0, max = 63) int faults) {
        TestNotices.Notice notice = TestNotices.notice(SeamlessEvent.DISCHARGE_NOTICE, seed);
        NoticeDetails d = notice.details();
        Bundle b = notice.bundle();
        MessageHeader h = (MessageHeader) b.getEntry().get(0).getResource();
        // hostile sender: personal values placed where a careless error message would echo them
        if ((faults & 1) != 0) h.setEvent(new Coding(d.familyName(), d.nhsNumber().value(), d.postcode()));
        if ((faults & 2) != 0) h.getFocus().get(0).setReference("Patient/" + d.nhsNumber().value());
        if ((faults & 4) != 0) b.setType(Bundle.BundleType.COLLECTION);
        if ((faults & 8) != 0) MessageBundles.encounters(b).get(0).getExtension().clear();
        if ((faults & 16) != 0) h.getSource().setEndpoint(null);
        if ((faults & 32) != 0) b.getEntry().removeIf(e -> e.getResource() instanceof Encounter);

        List<MessageIssue> issues = InboundMessageCheck.check(MessageBundles.toJson(b));

        List<String> personal = List.of(d.nhsNumber().value(), d.familyName(), d.givenName(), d.postcode(),
                d.phone(), d.birthDate().toString(), d.encounterId());
        for (MessageIssue issue : issues) {
            String text = issue.diagnostics() + " " + issue.location();
            personal.forEach(p -> assertThat(text).doesNotContain(p));
        }
        assertThat(issues.isEmpty()).isEqualTo(faults == 0);
    }
}
