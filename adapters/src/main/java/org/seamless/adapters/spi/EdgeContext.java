package org.seamless.adapters.spi;

import java.time.Clock;

/**
 * What the runtime gives an adapter type's inbound edges ({@link AdapterType#edges}): the shared
 * authentication of agencies, the gate into the hub, the store of rejected input, the clock, the
 * configuration and the runtime's shared services.
 */
public interface EdgeContext {

    AgencyAuthenticator authenticator();

    /** Where an edge hands the canonical messages it accepted (the source agency's inbound address). */
    InboundGate gate();

    /** Where an edge keeps input it refuses, for inspection. */
    RejectedInputStore rejected();

    Clock clock();

    /** A configuration property of the runtime, or {@code defaultValue} when it is not set. */
    String property(String name, String defaultValue);

    /** A shared service of the runtime by type (e.g. the FHIR profile validator); fails when there is none. */
    <T> T service(Class<T> type);
}
