package org.seamless.app.demo.webhook;

import org.seamless.app.demo.SimulatedReceiver;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/** The demo charity's tool as seen by tests and the demo: the webhook events it accepted, and its switches. */
@Component
@ConditionalOnExpression(SimulatedReceiver.ACTIVE)
public class DemoCharityInbox extends SimulatedReceiver<DemoCharityInbox.Event> {

    /** An accepted webhook: its event id and the JSON body as received. */
    public record Event(String eventId, String body) {
        @Override
        public String toString() {
            return "Event[" + eventId + "]";
        }
    }
}
