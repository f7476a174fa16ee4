package org.seamless.hub;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the privacy configuration and key material come from.
 *
 * @param routing               routing table YAML: which agency kinds each event goes to
 * @param minimisationProfiles  minimisation profiles YAML
 * @param keystore              PKCS#12 keystore of pseudonym keys (created on first start)
 * @param keystorePassword      its password, from the environment (demo mode generates one)
 * @param subjectIndexKey       base64url key of the disclosure records' subject index
 * @param consentAuthority      consent authority YAML: who may record consents and objections (ADR 0032)
 */
@ConfigurationProperties("seamless.privacy")
public record PrivacyProperties(
        @DefaultValue("classpath:config/routing.yml") String routing,
        @DefaultValue("classpath:config/minimisation-profiles.yml") String minimisationProfiles,
        String keystore,
        @DefaultValue("") String keystorePassword,
        @DefaultValue("") String subjectIndexKey,
        @DefaultValue("classpath:config/consent-authority.yml") String consentAuthority) {

    @Override
    public String toString() {
        return "PrivacyProperties[routing=" + routing + ", profiles=" + minimisationProfiles + ", keystore=" + keystore
                + ", consentAuthority=" + consentAuthority + "]";
    }
}
