package org.seamless.app.security;

import jakarta.servlet.http.HttpServletRequest;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.CredentialCheck;

/**
 * Mutual TLS: the client certificate the TLS layer received (it proved the private key, but was
 * not judged there, see {@link DeferredClientCertificateTrust}) must chain to one of the
 * configured agency certificate authorities, be within its validity period now, allow TLS client
 * authentication (extended key usage {@code id-kp-clientAuth}), carry the subject registered for
 * exactly one agency, and be issued by a CA that agency is bound to (or be a certificate it pinned):
 * a certificate another agency's CA issued is refused even with this agency's subject (ADR 0038).
 * Revocation is not checked here (docs/security.md).
 */
final class ClientCertificateCheck implements CredentialCheck, CertificateExpiries {
    static final String ATTRIBUTE = "jakarta.servlet.request.X509Certificate";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    /**
     * An agency's certificate registration: the SHA-256 fingerprints (upper-case hex) of the CAs that
     * may issue its certificate and of certificates it pinned; at least one of the two is not empty.
     */
    record Binding(AgencyConfig agency, Set<String> issuers, Set<String> pinned) {
        Binding {
            issuers = Set.copyOf(issuers);
            pinned = Set.copyOf(pinned);
            if (issuers.isEmpty() && pinned.isEmpty()) {
                throw new IllegalArgumentException("a certificate binding names an issuing CA or a pinned certificate");
            }
        }
    }

    private final Set<TrustAnchor> anchors;
    private final Map<X500Principal, Binding> bySubject;
    private final Clock clock;
    /** Configured CA certificates by fingerprint, for their expiry. */
    private final Map<String, X509Certificate> authorityByPrint;
    /** Per agency: the end of validity of the client certificate it last authenticated with. */
    private final Map<String, java.time.Instant> lastSeen = new java.util.concurrent.ConcurrentHashMap<>();

    ClientCertificateCheck(Set<X509Certificate> authorities, Map<X500Principal, Binding> bySubject, Clock clock) {
        this.anchors = authorities.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
        this.bySubject = Map.copyOf(bySubject);
        this.clock = clock;
        this.authorityByPrint = authorities.stream().collect(Collectors.toMap(ClientCertificateCheck::fingerprint,
                c -> c, (a, b) -> a));
    }

    @Override
    public java.util.Optional<java.time.Instant> expiry(String agencyId) {
        java.util.stream.Stream<java.time.Instant> cas = bySubject.values().stream()
                .filter(b -> b.agency().id().equals(agencyId))
                .flatMap(b -> b.issuers().stream())
                .map(authorityByPrint::get).filter(java.util.Objects::nonNull)
                .map(c -> c.getNotAfter().toInstant());
        java.util.stream.Stream<java.time.Instant> seen = java.util.Optional.ofNullable(lastSeen.get(agencyId)).stream();
        return java.util.stream.Stream.concat(cas, seen).min(java.util.Comparator.naturalOrder());
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
        X509Certificate anchor;
        try {
            anchor = validate(chain);
        } catch (Refusal r) {
            return new Invalid(r.getMessage());
        }
        if (!allowsClientAuthentication(chain[0])) {
            return new Invalid("client-auth-usage-missing");
        }
        Binding binding = bySubject.get(chain[0].getSubjectX500Principal());
        if (binding == null) {
            return new Invalid("unregistered-subject");
        }
        if (!binding.pinned().isEmpty() && !binding.pinned().contains(fingerprint(chain[0]))) {
            return new Invalid("certificate-not-pinned");
        }
        if (!binding.issuers().isEmpty() && issuersOf(chain, anchor).stream().noneMatch(binding.issuers()::contains)) {
            return new Invalid("issuer-not-bound-to-agency");
        }
        lastSeen.put(binding.agency().id(), chain[0].getNotAfter().toInstant());
        return new Valid(binding.agency());
    }

    /** The trust anchor the chain validated to; a {@link Refusal} with a fixed reason otherwise. */
    private X509Certificate validate(X509Certificate[] chain) throws Refusal {
        try {
            Date now = Date.from(clock.instant());
            chain[0].checkValidity(now);
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(Arrays.asList(chain));
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(now);
            var result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(path, params);
            return result.getTrustAnchor().getTrustedCert();
        } catch (java.security.cert.CertificateExpiredException e) {
            throw new Refusal("certificate-expired");
        } catch (java.security.cert.CertificateNotYetValidException e) {
            throw new Refusal("certificate-not-yet-valid");
        } catch (CertPathValidatorException e) {
            throw new Refusal("untrusted-certificate");
        } catch (GeneralSecurityException e) {
            throw new Refusal("invalid-certificate");
        }
    }

    /** Required, not implied: a certificate without the extension, or with other purposes only, is refused. */
    private static boolean allowsClientAuthentication(X509Certificate leaf) {
        try {
            List<String> usages = leaf.getExtendedKeyUsage();
            return usages != null && usages.contains(CLIENT_AUTH);
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    /** Every CA certificate on the validated path: the chain above the leaf, and the anchor. */
    private static List<String> issuersOf(X509Certificate[] chain, X509Certificate anchor) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i < chain.length; i++) {
            out.add(fingerprint(chain[i]));
        }
        out.add(fingerprint(anchor));
        return out;
    }

    static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            return "";
        }
    }

    /**
     * A configured fingerprint in the form {@code openssl x509 -fingerprint -sha256} prints (colons
     * optional, any case, an optional {@code sha256 Fingerprint=} prefix), as upper-case hex; null when malformed.
     */
    static String normalise(String configured) {
        String s = configured.strip();
        int eq = s.indexOf('=');
        if (eq >= 0) {
            s = s.substring(eq + 1);
        }
        s = s.replace(":", "").replace(" ", "").toUpperCase(Locale.ROOT);
        return s.matches("[0-9A-F]{64}") ? s : null;
    }

    private static final class Refusal extends Exception {
        Refusal(String reason) {
            super(reason, null, false, false);
        }
    }
}
