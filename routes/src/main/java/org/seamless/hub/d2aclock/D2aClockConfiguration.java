package org.seamless.hub.d2aclock;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.seamless.hub.alerts.OperatorAlerts;
import org.seamless.app.cluster.ClusterJobs;
import org.seamless.privacy.keys.DomainKeyStore;
import org.seamless.privacy.keys.Pseudonyms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The stay records, the operational clock (job {@value #CLOCK_JOB}) and the weekly delay report (job
 * {@value #REPORT_JOB}), each once per interval across hub instances (ADR 0054, 0063).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(D2aClockProperties.class)
@ConditionalOnProperty(name = "seamless.run-hub", havingValue = "true", matchIfMissing = true)
public class D2aClockConfiguration {
    public static final String CLOCK_JOB = "d2a-past-ready-date";
    public static final String REPORT_JOB = "d2a-weekly-delay-report";
    private static final Logger LOG = LoggerFactory.getLogger(D2aClockConfiguration.class);

    @Bean
    StayClockStore stayClockStore(JdbcTemplate jdbc) {
        return new JdbcStayClockStore(jdbc);
    }

    @Bean
    StayClocks stayClocks(StayClockStore store, DomainKeyStore keys, MeterRegistry meters, Clock clock) {
        StayRefs refs = new StayRefs(new Pseudonyms(keys));
        return new StayClocks(store, k -> refs.of(k.person(), k.trustAgency(), k.spellId()), refs::person, meters, clock);
    }

    @Bean
    OverdueClock overdueClock(StayClockStore store, Clock clock, D2aClockProperties props, OperatorAlerts alerts,
                              ClusterJobs jobs) {
        OverdueClock overdue = new OverdueClock(store, clock, props, OverdueClock.Alerts.operator(alerts));
        jobs.schedule(new ClusterJobs.Job(CLOCK_JOB, props.checkInterval(), null, () -> {
            int n = overdue.run();
            if (n > 0) {
                LOG.info("discharge ready date clock: {} alert(s) raised", n);
            }
        }), props.checkInterval());
        return overdue;
    }

    @Bean
    WeeklyDelayReport weeklyDelayReport(StayClockStore store, Clock clock, D2aClockProperties props, ClusterJobs jobs,
                                        @Value("${seamless.data-dir:./data}") String dataDir) {
        WeeklyDelayReport report = new WeeklyDelayReport(store, clock, props.reportDirectory(dataDir));
        jobs.schedule(new ClusterJobs.Job(REPORT_JOB, props.reportInterval(), null, () -> report.run()
                .ifPresent(f -> LOG.info("weekly delay report written: {}", f.getFileName()))), props.reportInterval());
        return report;
    }

    /** Hands the stay records to the hub intake, which feeds them as discharge to assess events pass. */
    @Bean
    org.springframework.beans.factory.SmartInitializingSingleton stayClocksIntakeHook(
            org.springframework.beans.factory.ObjectProvider<org.seamless.hub.intake.D2aIntake> intake, StayClocks clocks) {
        return () -> intake.ifAvailable(i -> i.setStayClocks(clocks));
    }
}
