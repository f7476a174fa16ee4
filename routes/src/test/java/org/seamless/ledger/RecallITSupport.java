package org.seamless.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MessageHeader;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNotices;

/** Sends a test person's notice again as another event with a new message id. */
final class RecallITSupport {
    interface Poster {
        HttpResponse<String> post(String key, String contentType, String body) throws Exception;
    }

    private RecallITSupport() {
    }

    static String send(Poster poster, String key, TestNotices.Notice person, String eventCode) throws Exception {
        String id = UUID.randomUUID().toString();
        Bundle b = MessageBundles.parse(person.json());
        MessageHeader h = MessageBundles.header(b).orElseThrow();
        h.setId(id);
        b.getEntryFirstRep().setFullUrl("urn:uuid:" + id);
        h.setEvent(new Coding(SeamlessEvent.SYSTEM, SeamlessEvent.fromCode(eventCode).orElseThrow().code(), null));
        HttpResponse<String> r = poster.post(key, "application/fhir+json", MessageBundles.toJson(b));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return id;
    }
}
