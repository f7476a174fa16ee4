package org.seamless.ops.console.ops;

import java.util.Map;
import org.seamless.ops.reliability.SinkCircuitBreakers;
import org.seamless.app.security.web.OperatorActions;
import org.springframework.stereotype.Service;

/**
 * The console's circuits: each sink's state, and a person opening or closing one by hand with a
 * required reason, recorded. A circuit opened by hand stays open (no probe closes it) until a person
 * closes it (docs/console.md).
 */
@Service
public class CircuitConsole {
    private final SinkCircuitBreakers circuits;
    private final OperatorActions actions;

    public CircuitConsole(SinkCircuitBreakers circuits, OperatorActions actions) {
        this.circuits = circuits;
        this.actions = actions;
    }

    public Map<String, SinkCircuitBreakers.State> states() {
        return circuits.states();
    }

    /** Opens the agency's circuit by hand; refused ({@link Reason.Invalid}) without a reason or circuit. */
    public void open(String agencyId, String rawReason) {
        change(agencyId, rawReason, true);
    }

    /** Closes the agency's circuit by hand; refused ({@link Reason.Invalid}) without a reason or circuit. */
    public void close(String agencyId, String rawReason) {
        change(agencyId, rawReason, false);
    }

    private void change(String agencyId, String rawReason, boolean open) {
        Reason reason = Reason.of(rawReason, open ? "opening the circuit" : "closing the circuit");
        if (agencyId == null || circuits.state(agencyId).isEmpty()) {
            throw new Reason.Invalid("No sink circuit for this agency runs here");
        }
        boolean done = open ? circuits.openByHand(agencyId) : circuits.closeByHand(agencyId);
        actions.record(open ? "circuit-open" : "circuit-close", agencyId, done ? (open ? "opened" : "closed")
                : "not-found", reason.text());
    }
}
