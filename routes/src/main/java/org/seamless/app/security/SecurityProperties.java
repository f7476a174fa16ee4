package org.seamless.app.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How agencies' systems prove who they are, beyond the API keys in the registry.
 *
 * @param clientCaFile   PEM file of the certificate authorities that issue agencies' client
 *                       certificates; empty: client certificates are not accepted
 * @param clients        per agency id: the certificate subject it presents, the CA that issues it
 *                       (or the pinned certificate), and the public key (JWK) it signs client assertions with
 * @param tokenTtl       lifetime of an access token issued at {@code /oauth2/token}
 * @param assertionMaxAge longest lifetime a client assertion may claim ({@code exp - now})
 * @param tokenAudience  the {@code aud} a client assertion must carry; required in production; empty
 *                       outside production: {@code http(s)://localhost:<port><context path>/oauth2/token}
 *                       (never taken from the request, ADR 0038)
 */
@ConfigurationProperties("seamless.security")
public record SecurityProperties(
        @DefaultValue("") String clientCaFile,
        Map<String, Client> clients,
        @DefaultValue("5m") Duration tokenTtl,
        @DefaultValue("5m") Duration assertionMaxAge,
        @DefaultValue("") String tokenAudience) {

    public SecurityProperties {
        clients = clients == null ? Map.of() : Map.copyOf(clients);
    }

    /**
     * @param certificateSubject       the client certificate's subject distinguished name (RFC 2253)
     * @param jwk                      the public JSON Web Key that verifies the agency's client assertions
     * @param certificateIssuerSha256  SHA-256 fingerprints of the CA certificates (in the client CA file) that
     *                                 may issue this agency's client certificate; one must be in its path
     * @param certificateSha256        SHA-256 fingerprints of the agency's own certificates (pinning); when
     *                                 set, only these certificates are accepted for the agency
     */
    public record Client(@DefaultValue("") String certificateSubject, @DefaultValue("") String jwk,
                         List<String> certificateIssuerSha256, List<String> certificateSha256) {
        public Client {
            certificateIssuerSha256 = certificateIssuerSha256 == null ? List.of() : List.copyOf(certificateIssuerSha256);
            certificateSha256 = certificateSha256 == null ? List.of() : List.copyOf(certificateSha256);
        }
    }
}
