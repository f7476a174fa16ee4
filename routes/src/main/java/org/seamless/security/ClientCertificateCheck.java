package org.seamless.security;

import jakarta.servlet.http.HttpServletRequest;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.CredentialCheck;

/**
 * Mutual TLS: the client certificate the TLS layer received (it proved the private key, but was
 * not judged there, see {@link DeferredClientCertificateTrust}) must chain to one of the
 * configured agency certificate authorities, be within its validity period now, and carry the
 * subject registered for exactly one agency. Revocation is not checked here (docs/security.md).
 */
final class ClientCertificateCheck implements CredentialCheck {
    static final String ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    private final Set<TrustAnchor> anchors;
    private final Map<X500Principal, AgencyConfig> bySubject;
    private final Clock clock;

    ClientCertificateCheck(Set<X509Certificate> authorities, Map<X500Principal, AgencyConfig> bySubject, Clock clock) {
        this.anchors = authorities.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
        this.bySubject = Map.copyOf(bySubject);
        this.clock = clock;
    }

    @Override
    public String method() {
        return "client-certificate";
    }

    @Override
    public Result check(HttpServletRequest request) {
        Object attr = request.getAttribute(ATTRIBUTE);
        if (!(attr instanceof X509Certificate[] chain) || chain.length == 0) {
            return NOT_PRESENTED;
        }
        if (anchors.isEmpty()) {
            return new Invalid("no-client-ca-configured");
        }
        Optional<String> problem = validate(chain);
        if (problem.isPresent()) {
            return new Invalid(problem.get());
        }
        AgencyConfig agency = bySubject.get(chain[0].getSubjectX500Principal());
        return agency == null ? new Invalid("unregistered-subject") : new Valid(agency);
    }

    private Optional<String> validate(X509Certificate[] chain) {
        try {
            Date now = Date.from(clock.instant());
            chain[0].checkValidity(now);
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(Arrays.asList(chain));
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(now);
            CertPathValidator.getInstance("PKIX").validate(path, params);
            return Optional.empty();
        } catch (java.security.cert.CertificateExpiredException e) {
            return Optional.of("certificate-expired");
        } catch (java.security.cert.CertificateNotYetValidException e) {
            return Optional.of("certificate-not-yet-valid");
        } catch (CertPathValidatorException e) {
            return Optional.of("untrusted-certificate");
        } catch (GeneralSecurityException e) {
            return Optional.of("invalid-certificate");
        }
    }
}
