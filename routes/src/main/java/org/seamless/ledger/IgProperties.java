package org.seamless.ledger;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may ask the ledger questions over REST.
 *
 * @param apiKeySha256    SHA-256 (hex) of the information-governance API key; blank disables the report endpoint
 * @param opsApiKeySha256 SHA-256 (hex) of the operator API key for replay; blank disables the replay endpoint
 */
@ConfigurationProperties("seamless.ig")
public record IgProperties(@DefaultValue("") String apiKeySha256, @DefaultValue("") String opsApiKeySha256) {
}
