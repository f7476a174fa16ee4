package org.seamless.adapters.nhsfhir;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.seamless.adapters.push.HttpPush;
import org.seamless.adapters.push.SinkOutcome;
import org.seamless.adapters.spi.DeliveryJournal;

/** Posts one released message to the trust's {@code [endpoint]/$process-message} and records the answer. */
final class TrustPush implements Processor {
    static final String OPERATION = "/$process-message?async=true";
    private static final String FHIR_JSON = "application/fhir+json";

    private final String agencyId;
    private final HttpPush http;
    private final Optional<String> bearerToken;
    private final DeliveryJournal deliveries;

    TrustPush(String agencyId, String endpoint, Duration timeout, Optional<String> bearerToken,
              DeliveryJournal deliveries) {
        this.agencyId = agencyId;
        this.http = new HttpPush(endpoint, timeout);
        this.bearerToken = bearerToken;
        this.deliveries = deliveries;
    }

    @Override
    public void process(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", FHIR_JSON + ";charset=UTF-8");
        headers.put("Accept", FHIR_JSON);
        bearerToken.ifPresent(t -> headers.put("Authorization", "Bearer " + t));
        String event = exchange.getMessage().getHeader(org.seamless.mappings.canonical.BrokerHeaders.EVENT, String.class);
        SinkOutcome outcome;
        if (FlagPush.handles(event)) {
            // why: a Flag is kept current on the trust's server by a conditional update on its business identifier
            outcome = FlagPush.push(http, exchange.getContext(), headers, exchange.getMessage().getMandatoryBody(String.class));
        } else {
            byte[] body = exchange.getMessage().getMandatoryBody(String.class).getBytes(StandardCharsets.UTF_8);
            HttpPush.Answer answer = http.post(exchange.getContext(), OPERATION, headers, body);
            outcome = TrustAnswers.classify(answer);
        }
        outcome.report(deliveries, agencyId, exchange.getMessage());
    }

    @Override
    public String toString() {
        return "TrustPush[" + agencyId + "]";
    }
}
