package org.seamless.ops.reliability;

import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators see each sink's circuit: {@code GET /api/ops/circuits} (operator or auditor) and the
 * {@code circuits} component of {@code /actuator/health}. A partner's outage is shown there but
 * does not make Seamless itself unhealthy: the health stays UP, with the open circuits named.
 */
@RestController
@Component("circuits")
public class CircuitsEndpoints implements HealthIndicator {
    private final SinkCircuitBreakers circuits;

    public CircuitsEndpoints(SinkCircuitBreakers circuits) {
        this.circuits = circuits;
    }

    @GetMapping("/api/ops/circuits")
    public ResponseEntity<Object> list() {
        return ResponseEntity.ok(Map.of("circuits", circuits.states()));
    }

    @Override
    public Health health() {
        Health.Builder h = Health.up();
        circuits.states().forEach((agency, s) -> h.withDetail(agency, s.state()));
        return h.build();
    }
}
