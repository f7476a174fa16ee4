package org.seamless.hub.residence;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/** Loads the postcode directory once at start and offers the residence rules built on it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RoutingProperties.class)
public class ResidenceConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(ResidenceConfiguration.class);

    @Bean
    PostcodeDirectory postcodeDirectory(RoutingProperties props, ResourceLoader resources) throws IOException {
        var resource = resources.getResource(props.postcodeDirectory());
        if (!resource.exists()) {
            throw new IllegalStateException("postcode directory not found: " + props.postcodeDirectory());
        }
        long started = System.nanoTime();
        try (Reader in = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
            PostcodeDirectory directory = OnspdReader.read(in, props.postcodeDirectory());
            LOG.info("Postcode directory {}: {} live postcodes, about {} KiB, loaded in {} ms",
                    props.postcodeDirectory(), directory.size(), directory.approximateBytes() / 1024,
                    (System.nanoTime() - started) / 1_000_000);
            return directory;
        }
    }

    @Bean
    AddressDirectory addressDirectory(RoutingProperties props, ResourceLoader resources) throws IOException {
        AddressDirectory.Builder builder = AddressDirectory.builder();
        long started = System.nanoTime();
        for (String location : props.addressDirectory()) {
            if (location.isBlank()) {
                continue;
            }
            var resource = resources.getResource(location.strip());
            if (!resource.exists()) {
                throw new IllegalStateException("address directory not found: " + location.strip());
            }
            try (Reader in = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
                AddressDirectoryReader.read(in, location.strip(), builder);
            }
        }
        AddressDirectory directory = builder.build();
        LOG.info("Address directory: {} UPRNs, {} straddling postcodes, loaded in {} ms", directory.uprnCount(),
                directory.straddlingPostcodes(), (System.nanoTime() - started) / 1_000_000);
        return directory;
    }

    @Bean
    RoutingDecisionLog routingDecisions(org.springframework.jdbc.core.JdbcTemplate jdbc, java.time.Clock clock,
            org.springframework.beans.factory.ObjectProvider<org.seamless.ledger.LedgerEvents> ledger,
            org.seamless.privacy.ledger.JdbcLedger batches) {
        RoutingDecisionLog table = new JdbcRoutingDecisions(jdbc, clock, batches);
        // why: the routing reason is a ledger entry too (issue 21), chained with the disclosure it led to
        org.seamless.ledger.LedgerEvents events = ledger.getIfAvailable();
        return events == null ? table : new org.seamless.ledger.LedgeredRoutingDecisions(table, events);
    }

    @Bean
    ResidenceRules residenceRules(PostcodeDirectory directory, AddressDirectory addresses) {
        return new ResidenceRules(directory, addresses);
    }
}
