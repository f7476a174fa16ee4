package org.seamless.app.demo.webhook;

import org.seamless.app.demo.SimulatedReceiver;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/** The demo home-care provider's rota system as seen by tests and the demo: the verified suspend/resume events. */
@Component
@ConditionalOnExpression(SimulatedReceiver.ACTIVE)
public class DemoHomeCareInbox extends SimulatedReceiver<DemoHomeCareInbox.Visit> {

    /** A verified webhook: its event id and the JSON body as received. */
    public record Visit(String eventId, String body) {
        @Override
        public String toString() {
            return "Visit[" + eventId + "]";
        }
    }
}
