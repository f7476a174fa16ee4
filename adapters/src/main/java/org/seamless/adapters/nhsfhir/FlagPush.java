package org.seamless.adapters.nhsfhir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.seamless.adapters.push.HttpPush;
import org.seamless.adapters.push.SinkOutcome;
import org.seamless.mappings.alert.AlertFlags;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;

/**
 * Pushes a released alert message to the trust as {@code PUT [endpoint]/Flag?identifier=system|value}
 * (FHIR conditional update): the first send creates the Flag, later ones update it, and a re-send of
 * the same content changes nothing, so redelivery never duplicates a Flag. An end or a deletion is an
 * update that end-dates the Flag (status inactive), never a DELETE.
 */
final class FlagPush {
    private static final Set<String> EVENTS = Set.of(SeamlessEvent.ALERT_START.code(), SeamlessEvent.ALERT_UPDATE.code(),
            SeamlessEvent.ALERT_END.code());

    private FlagPush() {
    }

    static boolean handles(String event) {
        return event != null && EVENTS.contains(event);
    }

    static SinkOutcome push(HttpPush http, CamelContext camel, Map<String, String> headers, String releasedJson) {
        Flag flag = AlertFlags.standalone(MessageBundles.parse(releasedJson));
        Identifier id = AlertFlags.businessIdentifier(flag).orElseThrow(
                () -> new IllegalArgumentException("released alert has no business identifier"));
        String query = "/Flag?identifier=" + URLEncoder.encode(id.getSystem() + "|" + id.getValue(), StandardCharsets.UTF_8);
        byte[] body = FhirContexts.r4().newJsonParser().encodeResourceToString(flag).getBytes(StandardCharsets.UTF_8);
        HttpPush.Answer answer = http.put(camel, query, headers, body);
        if (answer.success()) {
            return SinkOutcome.delivered("HTTP " + answer.status());
        }
        return TrustAnswers.classify(answer);
    }
}
