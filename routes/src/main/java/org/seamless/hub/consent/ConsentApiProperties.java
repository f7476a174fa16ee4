package org.seamless.hub.consent;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the consents REST API.
 *
 * @param maxBodyBytes the largest request body accepted; larger bodies get 413 and a kept prefix
 */
@Validated
@ConfigurationProperties("seamless.consent-api")
public record ConsentApiProperties(@DefaultValue("65536") @Min(1024) long maxBodyBytes) {
}
