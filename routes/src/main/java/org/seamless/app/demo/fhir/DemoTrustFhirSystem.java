package org.seamless.app.demo.fhir;

import org.hl7.fhir.r4.model.Bundle;
import org.seamless.app.demo.SimulatedReceiver;

/** The demo trust's clinical system as seen by tests and the demo: the message bundles it acted on, and its switches. */
public class DemoTrustFhirSystem extends SimulatedReceiver<Bundle> {
}
