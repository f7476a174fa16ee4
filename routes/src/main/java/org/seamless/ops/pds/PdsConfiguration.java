package org.seamless.ops.pds;

import java.net.URI;
import org.seamless.adapters.pds.PdsClient;
import org.seamless.adapters.pds.PdsSettings;
import org.seamless.adapters.pds.PdsTracing;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** PDS tracing for the adapters' edges, when {@code seamless.pds.base-url} is set: one client, one throttle. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PdsProperties.class)
public class PdsConfiguration {

    @Bean
    @ConditionalOnExpression("'${seamless.pds.base-url:}' != ''")
    PdsTracing pdsTracing(PdsProperties props, JdbcTraceStore store) {
        PdsSettings settings = new PdsSettings(URI.create(props.baseUrl()), props.bearerToken(),
                props.requestsPerSecond(), props.burst(), props.timeout(), props.maxRateLimitRetries());
        // why: daemon threads, so a pool nobody closed never holds the JVM up; the throttle bounds the rate
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(props.concurrency(),
                r -> {
                    Thread t = new Thread(r, "pds-request");
                    t.setDaemon(true);
                    return t;
                });
        return new PdsTracing(new PdsClient(settings), store, pool);
    }
}
