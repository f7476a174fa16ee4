package org.seamless.ops.atrest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Acceptance (issue 21, ADR 0071) on the embedded H2 database (always, even where PostgreSQL is reachable): after representative traffic no table holds an NHS number or name. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "seamless.demo.enabled=false")
class AtRestScanH2IT {
    static final String LISTENER = "test-at-rest-listener";
    static final TestEnvironment ENV = TestEnvironment.createOnH2().withCharities(LISTENER);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void seamlessProperties(DynamicPropertyRegistry registry) {
        ENV.properties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @Test
    void noTableHoldsAnNhsNumberOrANameAfterTraffic() throws Exception {
        assertThat(new AtRestTrafficScan(ENV, port, jdbc, LISTENER).runAndScan())
                .as("table.column -> what was found in it, read raw").isEmpty();
    }
}
