package org.seamless.app.demo.soap;

import org.seamless.app.demo.SimulatedReceiver;
import org.seamless.mappings.itk.ItkEnvelope;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * The demo LA case system behind the ITK endpoint, as seen by tests and the demo: the envelopes
 * it acted on (once per ITK tracking id) and its switches (unavailable, refuse).
 */
@Component
@ConditionalOnExpression(SimulatedReceiver.ACTIVE)
public class DemoLaCaseSystem extends SimulatedReceiver<ItkEnvelope> {
}
