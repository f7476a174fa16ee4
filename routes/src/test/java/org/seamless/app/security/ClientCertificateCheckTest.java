package org.seamless.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.registry.AdapterConfig;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.BrokerAddresses;
import org.seamless.adapters.spi.CredentialCheck;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.testsupport.TestPki;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * A client certificate is accepted for an agency only when the CA bound to that agency issued it
 * (or it is the agency's pinned certificate) and it allows TLS client authentication; certificates
 * are made at test time.
 */
class ClientCertificateCheckTest {
    private static final String TRUST_SUBJECT = "CN=trust.seamless.test,O=Seamless Test";
    private static final String LA_SUBJECT = "CN=la.seamless.test,O=Seamless Test";
    private static final AgencyConfig TRUST = agency("trust", AgencyKind.NHS_TRUST);
    private static final AgencyConfig LA = agency("la", AgencyKind.LOCAL_AUTHORITY);
    private static TestPki trustCa;
    private static TestPki laCa;

    @BeforeAll
    static void pki() throws Exception {
        trustCa = TestPki.create("Trust CA");
        laCa = TestPki.create("Council CA");
    }

    private static ClientCertificateCheck check(Map<X500Principal, ClientCertificateCheck.Binding> bindings) {
        return new ClientCertificateCheck(Set.of(trustCa.caCertificate(), laCa.caCertificate()), bindings,
                Clock.systemUTC());
    }

    private static Map<X500Principal, ClientCertificateCheck.Binding> boundToTheirCas() {
        return Map.of(new X500Principal(TRUST_SUBJECT), new ClientCertificateCheck.Binding(TRUST,
                        Set.of(ClientCertificateCheck.fingerprint(trustCa.caCertificate())), Set.of()),
                new X500Principal(LA_SUBJECT), new ClientCertificateCheck.Binding(LA,
                        Set.of(ClientCertificateCheck.fingerprint(laCa.caCertificate())), Set.of()));
    }

    @Test
    void eachAgencysCertificateFromItsOwnCaAuthenticatesIt() throws Exception {
        assertThat(check(boundToTheirCas()).check(presenting(trustCa.client(TRUST_SUBJECT))))
                .isEqualTo(new CredentialCheck.Valid(TRUST));
        assertThat(check(boundToTheirCas()).check(presenting(laCa.client(LA_SUBJECT))))
                .isEqualTo(new CredentialCheck.Valid(LA));
    }

    @Test
    void aCertificateAnotherAgencysCaIssuedIsRefusedWhateverItsSubject() throws Exception {
        assertThat(check(boundToTheirCas()).check(presenting(laCa.client(TRUST_SUBJECT))))
                .isEqualTo(new CredentialCheck.Invalid("issuer-not-bound-to-agency"));
    }

    @Test
    void theClientAuthenticationUsageIsRequired() throws Exception {
        for (TestPki.Issued c : List.of(trustCa.clientFor(TRUST_SUBJECT),
                trustCa.clientFor(TRUST_SUBJECT, KeyPurposeId.id_kp_serverAuth),
                trustCa.clientFor(TRUST_SUBJECT, KeyPurposeId.id_kp_emailProtection))) {
            assertThat(check(boundToTheirCas()).check(presenting(c)))
                    .isEqualTo(new CredentialCheck.Invalid("client-auth-usage-missing"));
        }
        assertThat(check(boundToTheirCas()).check(presenting(trustCa.clientFor(TRUST_SUBJECT,
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth)))).isEqualTo(new CredentialCheck.Valid(TRUST));
    }

    @Test
    void aPinnedCertificateIsTheOnlyOneAcceptedForItsAgency() throws Exception {
        TestPki.Issued pinned = trustCa.client(TRUST_SUBJECT);
        var bindings = Map.of(new X500Principal(TRUST_SUBJECT), new ClientCertificateCheck.Binding(TRUST, Set.of(),
                Set.of(ClientCertificateCheck.fingerprint(pinned.certificate()))));
        assertThat(check(bindings).check(presenting(pinned))).isEqualTo(new CredentialCheck.Valid(TRUST));
        assertThat(check(bindings).check(presenting(trustCa.client(TRUST_SUBJECT))))
                .isEqualTo(new CredentialCheck.Invalid("certificate-not-pinned"));
    }

    @Test
    void fingerprintsAreReadAsOpensslPrintsThem() throws Exception {
        String hex = ClientCertificateCheck.fingerprint(trustCa.caCertificate());
        assertThat(ClientCertificateCheck.normalise(trustCa.caFingerprint())).isEqualTo(hex);
        assertThat(ClientCertificateCheck.normalise("sha256 Fingerprint=" + trustCa.caFingerprint())).isEqualTo(hex);
        assertThat(ClientCertificateCheck.normalise(hex.toLowerCase())).isEqualTo(hex);
        assertThat(ClientCertificateCheck.normalise("AB:CD")).isNull();
    }

    private static MockHttpServletRequest presenting(TestPki.Issued client) {
        MockHttpServletRequest r = new MockHttpServletRequest();
        r.setAttribute(ClientCertificateCheck.ATTRIBUTE, client.chain());
        return r;
    }

    private static AgencyConfig agency(String id, AgencyKind kind) {
        return new AgencyConfig(id, id, kind, id.toUpperCase(), Optional.empty(), new AdapterConfig("nhs-fhir", Map.of()),
                BrokerAddresses.conventional(id), List.of());
    }
}
