package org.seamless.hub.residence;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where residence routing gets its postcode directory.
 *
 * @param postcodeDirectory Spring resource location of a CSV in ONS Postcode Directory layout
 *                          ({@code file:/srv/onspd/ONSPD_NOV_2025_UK.csv} for the full directory)
 * @param addressDirectory  Spring resource locations of address directories (ADR 0062): CSVs in the
 *                          Seamless address layout or ONS UPRN Directory layout; empty for none
 */
@ConfigurationProperties("seamless.routing")
public record RoutingProperties(
        @DefaultValue("classpath:config/postcodes-demo.csv") String postcodeDirectory,
        @DefaultValue("classpath:config/addresses-demo.csv") java.util.List<String> addressDirectory) {
}
