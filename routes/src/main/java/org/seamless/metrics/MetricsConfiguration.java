package org.seamless.metrics;

import org.seamless.ledger.IgProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Guards the Prometheus endpoint ({@link ScrapeAccessFilter}) ahead of every other filter but the body limits. */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    @Bean
    FilterRegistrationBean<ScrapeAccessFilter> scrapeAccessFilter(
            @Value("${seamless.metrics.scrape-token-sha256:}") String scrapeTokenSha256, IgProperties ig) {
        FilterRegistrationBean<ScrapeAccessFilter> bean = new FilterRegistrationBean<>(
                new ScrapeAccessFilter(scrapeTokenSha256, ig.opsApiKeySha256()));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        bean.addUrlPatterns("/*");
        return bean;
    }
}
