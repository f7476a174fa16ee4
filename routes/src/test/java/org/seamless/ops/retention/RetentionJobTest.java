package org.seamless.ops.retention;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seamless.adapters.lacsv.LaCsvAdapterType;
import org.seamless.adapters.registry.AdapterConfig;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.registry.BrokerAddresses;
import org.seamless.adapters.registry.DeliverySettings;
import org.junit.jupiter.api.Test;
import org.seamless.app.cluster.ClusterJobs;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.app.cluster.InstanceId;
import org.seamless.ops.reliability.DeliveryPolicyProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The start check (ADR 0072) counts an agency's own delivery deadline, not only the global one. */
class RetentionJobTest {

    @Test
    void anAgencyDeadlineLongerThanTheReplayWindowRefusesTheStart() {
        AgencyConfig slow = new AgencyConfig("slow-la", "Slow Council", AgencyKind.LOCAL_AUTHORITY, "SLOW1",
                Optional.empty(), new AdapterConfig(LaCsvAdapterType.NAME, Map.of()),
                BrokerAddresses.conventional("slow-la"), List.of(), Optional.empty(),
                new DeliverySettings(Optional.of(Duration.ofDays(40)), Optional.empty()));
        RetentionProperties defaults = new RetentionProperties(Duration.ofDays(30), Duration.ofDays(90),
                Duration.ofDays(90), Duration.ofDays(180), Duration.ofDays(400), Duration.ofDays(730),
                Duration.ofDays(365), Duration.ofDays(365), Duration.ofDays(2190), Duration.ofDays(30),
                Duration.ofDays(90), Duration.ofHours(1));
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:retention-job"));
        RetentionJob job = new RetentionJob(jdbc, defaults,
                new DeliveryPolicyProperties(Duration.ofDays(5), 15000, 900000, Duration.ofDays(1), 5000),
                new AgencyRegistry(List.of(slow)), new ClusterJobs(jdbc, new InstanceId("test"), Clock.systemUTC()),
                Clock.systemUTC());
        assertThatThrownBy(job::afterPropertiesSet).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("retention policy refused")
                .hasMessageContaining("replay-window (P30D) is shorter than the longest delivery deadline (P40D)")
                .hasMessageContaining("sink-delivered-keys");
    }
}
