package org.seamless.edge;

import org.seamless.mappings.validation.ProfiledMessageValidator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The FHIR profile validation the trusts' inbound edge uses; the FHIR R4 server itself, with the providers
 * the adapter types register, is {@link AdapterEdgesConfiguration}'s.
 */
@Configuration(proxyBeanMethods = false)
public class FhirEdgeConfiguration {

    /**
     * Profile validation with the full validator's verdicts, cached by message shape. The UK Core
     * profiles are loaded during start-up ({@link ValidatorWarmUp}), so that the application reports
     * UP only when the first sender will not wait for them.
     */
    @Bean
    ProfiledMessageValidator profiledMessageValidator(
            @Value("${seamless.fhir.validation.shape-cache-size:10000}") int shapes) {
        return new ProfiledMessageValidator(shapes);
    }

    /** Loads the UK Core profiles alongside the rest of start-up, not after it (ADR 0059). */
    @Bean
    static ValidatorWarmUp validatorWarmUp() {
        return new ValidatorWarmUp();
    }
}
