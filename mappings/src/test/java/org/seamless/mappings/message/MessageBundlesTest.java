package org.seamless.mappings.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.testdata.TestNotices;

class MessageBundlesTest {

    @Test
    void readsTheParts() {
        TestNotices.Notice notice = TestNotices.assessment(41L);
        Bundle b = MessageBundles.parse(notice.json());

        assertThat(MessageBundles.messageId(b)).contains(notice.messageId());
        assertThat(MessageBundles.event(b)).contains(SeamlessEvent.ASSESSMENT_NOTICE);
        assertThat(MessageBundles.patient(b)).isPresent();
        assertThat(MessageBundles.encounters(b)).hasSize(1);
        assertThat(MessageBundles.focus(b)).hasSize(2);
    }

    @Test
    void resolvesByFullUrlAndByTypeAndId() {
        Bundle b = TestNotices.admission(42L).bundle();
        Patient patient = MessageBundles.patient(b).orElseThrow();
        String id = MessageBundles.logicalId(patient);

        assertThat(MessageBundles.resolve(b, "urn:uuid:" + id)).containsSame(patient);
        assertThat(MessageBundles.resolve(b, "Patient/" + id)).containsSame(patient);
        assertThat(MessageBundles.resolve(b, "Encounter/" + id)).isEmpty();
        assertThat(MessageBundles.resolve(b, (String) null)).isEmpty();
    }

    @Test
    void headerMustBeFirstAndEventSystemMustBeOurs() {
        Bundle b = TestNotices.admission(43L).bundle();
        MessageHeader header = MessageBundles.header(b).orElseThrow();
        header.setEvent(new Coding("http://example.org", SeamlessEvent.ADMISSION_NOTICE.code(), null));
        assertThat(MessageBundles.event(b)).isEmpty();

        b.getEntry().add(b.getEntry().remove(0));
        assertThat(MessageBundles.header(b)).isEmpty();
        assertThat(MessageBundles.messageId(b)).isEmpty();
        assertThat(MessageBundles.first(b, Encounter.class)).isPresent();
    }
}
