package org.seamless.app.security;

import com.nimbusds.jose.jwk.JWK;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.app.cluster.InstanceId;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inbound authentication on every HTTP edge: client certificates (mutual TLS), OAuth2 access
 * tokens from client assertions, and the registry's API keys, combined in one
 * {@link AgencyAuthenticator}; plus security headers on every response. Misconfiguration stops
 * the start with the setting that is wrong.
 */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    /** Static: a bean-factory post-processor, so it runs before any other bean is made. */
    @Bean
    static ProductionReadinessCheck productionReadinessCheck() {
        return new ProductionReadinessCheck();
    }

    @Bean
    AccessTokens accessTokens(Clock clock, SecurityProperties props, JdbcTemplate jdbc, InstanceId instance) {
        return new AccessTokens(jdbc, clock, props.tokenTtl(), instance.value());
    }

    @Bean
    ClientAssertions clientAssertions(SecurityProperties props, AgencyRegistry registry, Clock clock, JdbcTemplate jdbc) {
        Map<String, JWK> keys = new HashMap<>();
        props.clients().forEach((id, client) -> {
            requireAgency(registry, id);
            if (!client.jwk().isBlank()) {
                try {
                    JWK jwk = JWK.parse(client.jwk());
                    if (jwk.isPrivate()) {
                        throw new IllegalStateException("seamless.security.clients." + id
                                + ".jwk holds a private key: register the public key only");
                    }
                    keys.put(id, jwk);
                } catch (ParseException e) {
                    throw new IllegalStateException("seamless.security.clients." + id + ".jwk is not a JSON Web Key");
                }
            }
        });
        return new ClientAssertions(keys, clock, props.assertionMaxAge(), jdbc);
    }

    @Bean
    ClientCertificateCheck clientCertificateCheck(SecurityProperties props, AgencyRegistry registry, Clock clock) {
        Set<X509Certificate> authorities = authorities(props.clientCaFile());
        Set<String> authorityPrints = authorities.stream().map(ClientCertificateCheck::fingerprint)
                .collect(Collectors.toSet());
        Map<X500Principal, ClientCertificateCheck.Binding> bySubject = new HashMap<>();
        props.clients().forEach((id, client) -> {
            AgencyConfig agency = requireAgency(registry, id);
            if (!client.certificateSubject().isBlank()) {
                X500Principal subject;
                try {
                    subject = new X500Principal(client.certificateSubject());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("seamless.security.clients." + id
                            + ".certificate-subject is not a distinguished name");
                }
                ClientCertificateCheck.Binding other = bySubject.put(subject, binding(id, agency, client, authorityPrints));
                if (other != null) {
                    throw new IllegalStateException("seamless.security.clients: agencies '" + other.agency().id() + "' and '"
                            + id + "' register the same certificate subject");
                }
            }
        });
        return new ClientCertificateCheck(authorities, bySubject, clock);
    }

    /** The agency's issuing CAs (which must be in the client CA file) and pinned certificates. */
    private static ClientCertificateCheck.Binding binding(String id, AgencyConfig agency, SecurityProperties.Client client,
                                                          Set<String> authorityPrints) {
        String prefix = "seamless.security.clients." + id + ".";
        Set<String> issuers = fingerprints(prefix + "certificate-issuer-sha256", client.certificateIssuerSha256());
        Set<String> pinned = fingerprints(prefix + "certificate-sha256", client.certificateSha256());
        if (issuers.isEmpty() && pinned.isEmpty()) {
            throw new IllegalStateException(prefix + "certificate-subject is set without certificate-issuer-sha256 or "
                    + "certificate-sha256: bind the agency to the CA that issues its certificate (or pin the certificate)");
        }
        for (String issuer : issuers) {
            if (!authorityPrints.contains(issuer)) {
                throw new IllegalStateException(prefix + "certificate-issuer-sha256 names a certificate that is not in "
                        + "seamless.security.client-ca-file");
            }
        }
        return new ClientCertificateCheck.Binding(agency, issuers, pinned);
    }

    private static Set<String> fingerprints(String setting, List<String> configured) {
        Set<String> out = new java.util.HashSet<>();
        for (String value : configured) {
            String print = ClientCertificateCheck.normalise(value);
            if (print == null) {
                throw new IllegalStateException(setting + " is not a SHA-256 fingerprint (64 hexadecimal digits, "
                        + "colons allowed)");
            }
            out.add(print);
        }
        return out;
    }

    @Bean
    AgencyAuthenticator agencyAuthenticator(AgencyRegistry registry, ClientCertificateCheck certificates,
                                            AccessTokens tokens) {
        return new AgencyAuthenticator(registry, List.of(certificates, new BearerTokenCheck(tokens, registry)));
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeaders() {
        FilterRegistrationBean<SecurityHeadersFilter> bean = new FilterRegistrationBean<>(new SecurityHeadersFilter());
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
        bean.addUrlPatterns("/*");
        return bean;
    }

    /**
     * With TLS on and agency CAs configured, the connector asks for a client certificate (optional,
     * so API-key and token clients still connect) and leaves judging it to the application.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> clientCertificateConnector(SecurityProperties props) {
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (props.clientCaFile().isBlank()) {
                return;
            }
            for (SSLHostConfig host : connector.findSslHostConfigs()) {
                host.setCertificateVerification("optional");
                host.setTrustManagerClassName(DeferredClientCertificateTrust.class.getName());
            }
        });
    }

    private static AgencyConfig requireAgency(AgencyRegistry registry, String id) {
        return registry.find(id).orElseThrow(() -> new IllegalStateException(
                "seamless.security.clients." + id + ": no agency with this id in the registry"));
    }

    static Set<X509Certificate> authorities(String file) {
        if (file.isBlank()) {
            return Set.of();
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            Set<X509Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).collect(Collectors.toSet());
            if (certs.isEmpty()) {
                throw new IllegalStateException("seamless.security.client-ca-file holds no certificate: " + file);
            }
            return certs;
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("seamless.security.client-ca-file cannot be read as PEM certificates: "
                    + file, e);
        }
    }
}
