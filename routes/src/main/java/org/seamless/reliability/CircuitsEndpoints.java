package org.seamless.reliability;

import java.util.Map;
import org.seamless.ledger.ApiKeyCheck;
import org.seamless.ledger.IgProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators see each sink's circuit: {@code GET /api/ops/circuits} (operator key) and the
 * {@code circuits} component of {@code /actuator/health}. A partner's outage is shown there but
 * does not make Seamless itself unhealthy: the health stays UP, with the open circuits named.
 */
@RestController
@Component("circuits")
public class CircuitsEndpoints implements HealthIndicator {
    private final SinkCircuitBreakers circuits;
    private final IgProperties props;

    public CircuitsEndpoints(SinkCircuitBreakers circuits, IgProperties props) {
        this.circuits = circuits;
        this.props = props;
    }

    @GetMapping("/api/ops/circuits")
    public ResponseEntity<Object> list(@RequestHeader(name = "X-API-Key", required = false) String key) {
        if (!ApiKeyCheck.matches(key, props.opsApiKeySha256())) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("detail", "a valid operator API key is required"));
        }
        return ResponseEntity.ok(Map.of("circuits", circuits.states()));
    }

    @Override
    public Health health() {
        Health.Builder h = Health.up();
        circuits.states().forEach((agency, s) -> h.withDetail(agency, s.state()));
        return h.build();
    }
}
