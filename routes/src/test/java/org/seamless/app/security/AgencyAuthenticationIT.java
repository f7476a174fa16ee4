package org.seamless.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.seamless.testsupport.TestPki;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every way an agency's system can authenticate at the FHIR edge, over real TLS: client
 * certificates issued at test time by a test CA (valid, expired, unknown issuer, unregistered
 * subject), OAuth2 client credentials with an ES384 client assertion (good, replayed, forged,
 * expired, wrong audience), and API keys. An authenticated agency cannot submit as another.
 */
@ExtendWith(OutputCaptureExtension.class)
class AgencyAuthenticationIT extends SeamlessTestBase {
    private static final String TRUST_SUBJECT = "CN=demo-trust.seamless.test,O=Seamless Test";
    private static final String LA_SOAP_SUBJECT = "CN=demo-la-soap.seamless.test,O=Seamless Test";
    private static final TestPki PKI;
    private static final TestPki LA_PKI;
    private static final TestPki STRANGER_PKI;
    private static final ECKey TRUST_KEY;
    private static final String SERVER_KEYSTORE;
    private static final String CA_PEM;

    static {
        try {
            PKI = TestPki.create("Seamless Test Agency CA");
            LA_PKI = TestPki.create("Seamless Test Local Authority CA");
            STRANGER_PKI = TestPki.create("Seamless Test Agency CA"); // same name, different key
            TRUST_KEY = new ECKeyGenerator(Curve.P_384).keyID("trust-1").generate();
            SERVER_KEYSTORE = PKI.server().writeKeyStore(ENV.dataDir().resolve("tls/server.p12")).toString();
            // one bundle of both agencies' CAs; each agency is bound to its own
            Path bundle = ENV.dataDir().resolve("tls/agency-ca.pem");
            Files.createDirectories(bundle.getParent());
            CA_PEM = Files.writeString(bundle, PKI.caPem() + LA_PKI.caPem()).toString();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry r) {
        r.add("server.ssl.enabled", () -> "true");
        r.add("server.ssl.key-store", () -> SERVER_KEYSTORE);
        r.add("server.ssl.key-store-type", () -> "PKCS12");
        r.add("server.ssl.key-store-password", TestPki::password);
        r.add("seamless.security.client-ca-file", () -> CA_PEM);
        r.add("seamless.security.clients.demo-trust.certificate-subject", () -> TRUST_SUBJECT);
        r.add("seamless.security.clients.demo-trust.jwk", () -> TRUST_KEY.toPublicJWK().toJSONString());
        r.add("seamless.security.clients.demo-la-soap.certificate-subject", () -> LA_SOAP_SUBJECT);
        r.add("seamless.security.clients.demo-trust.certificate-issuer-sha256", () -> fingerprint(PKI));
        r.add("seamless.security.clients.demo-la-soap.certificate-issuer-sha256", () -> fingerprint(LA_PKI));
    }

    @Autowired
    JdbcTemplate jdbc;

    private static HttpClient trustWithCertificate;

    @BeforeAll
    static void clients() throws Exception {
        trustWithCertificate = client(PKI, PKI.client(TRUST_SUBJECT));
    }

    @Test
    void aValidCertificateAuthenticatesItsAgency() throws Exception {
        assertThat(post(trustWithCertificate, TestNotices.discharge(8101).json(), null).statusCode()).isEqualTo(200);
    }

    @Test
    void anAgencyWithAValidCertificateThatPostsAsAnotherAgencyIsRefused() throws Exception {
        int before = quarantined("sender-mismatch");
        // the same notice, claiming the SOAP local authority's ODS code as its sender and source
        String asAnother = TestNotices.discharge(8102).json().replace(TestNotices.HOSPITAL_ODS, "DEMO3");
        HttpResponse<String> resp = post(trustWithCertificate, asAnother, null);
        assertThat(resp.statusCode()).isEqualTo(403);
        assertThat(resp.body()).contains("forbidden").contains("not the authenticated agency");
        assertThat(quarantined("sender-mismatch")).isEqualTo(before + 1);
    }

    @Test
    void expiredUnknownAndUnregisteredCertificatesAreRefusedWithoutDetail(CapturedOutput output) throws Exception {
        HttpClient expired = client(PKI, PKI.client(TRUST_SUBJECT, Instant.now().minus(Duration.ofDays(30)),
                Instant.now().minus(Duration.ofDays(1))));
        HttpClient unknownIssuer = client(PKI, STRANGER_PKI.client(TRUST_SUBJECT));
        HttpClient unregistered = client(PKI, PKI.client("CN=someone-else.seamless.test,O=Seamless Test"));
        for (HttpClient c : new HttpClient[] {expired, unknownIssuer, unregistered}) {
            HttpResponse<String> resp = post(c, TestNotices.discharge(8103).json(), null);
            assertThat(resp.statusCode()).isEqualTo(401);
            assertThat(resp.body()).doesNotContain("expired").doesNotContain("certificate").doesNotContain("demo-trust");
        }
        assertThat(output.getAll()).contains("authentication refused: client-certificate certificate-expired")
                .contains("authentication refused: client-certificate untrusted-certificate")
                .contains("authentication refused: client-certificate unregistered-subject")
                .doesNotContain("someone-else");
    }

    @Test
    void aCertificateIssuedByAnotherAgencysCaIsRefused(CapturedOutput output) throws Exception {
        // both CAs are trusted, and the subject is the trust's: only the binding of the trust to its CA refuses it
        HttpClient byTheCouncilsCa = client(PKI, LA_PKI.client(TRUST_SUBJECT));
        HttpResponse<String> resp = post(byTheCouncilsCa, TestNotices.discharge(8110).json(), null);
        assertThat(resp.statusCode()).isEqualTo(401);
        assertThat(output.getAll()).contains("authentication refused: client-certificate issuer-not-bound-to-agency");
    }

    @Test
    void aCertificateWithoutTheClientAuthenticationKeyUsageIsRefused(CapturedOutput output) throws Exception {
        HttpClient noUsage = client(PKI, PKI.clientFor(TRUST_SUBJECT));
        HttpClient serverOnly = client(PKI, PKI.clientFor(TRUST_SUBJECT, KeyPurposeId.id_kp_serverAuth));
        for (HttpClient c : new HttpClient[] {noUsage, serverOnly}) {
            assertThat(post(c, TestNotices.discharge(8111).json(), null).statusCode()).isEqualTo(401);
        }
        assertThat(output.getAll()).contains("authentication refused: client-certificate client-auth-usage-missing");
    }

    @Test
    void anAssertionMintedForAnotherSiteIsRefusedWhateverTheRequestsHostName() throws Exception {
        // the same server reached by another name (Host 127.0.0.1): an assertion addressed to that name is not
        // addressed to this Seamless, whose audience comes from its configuration, never from the request
        HttpClient c = client(PKI, null);
        String otherSite = "https://127.0.0.1:" + port + TokenController.PATH;
        String minted = assertion(TRUST_KEY, "demo-trust", otherSite, Duration.ofMinutes(4), UUID.randomUUID().toString());
        HttpResponse<String> resp = c.send(HttpRequest.newBuilder(URI.create(otherSite)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(minted))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).isEqualTo(401);
        assertThat(resp.body()).isEqualTo("{\"error\":\"invalid_client\"}");
    }

    @Test
    void aCertificateAndAnApiKeyOfDifferentAgenciesAreRefused() throws Exception {
        HttpResponse<String> resp = post(trustWithCertificate, TestNotices.discharge(8104).json(),
                ENV.apiKey(TestEnvironment.CHARITY));
        assertThat(resp.statusCode()).isEqualTo(401);
    }

    @Test
    void apiKeysStillWorkOverTlsWithoutACertificateAndAWrongKeyIsRefused() throws Exception {
        HttpClient noCertificate = client(PKI, null);
        assertThat(post(noCertificate, TestNotices.discharge(8105).json(), ENV.apiKey(TestEnvironment.TRUST))
                .statusCode()).isEqualTo(200);
        HttpResponse<String> wrong = post(noCertificate, TestNotices.discharge(8106).json(), "not-a-key-" + UUID.randomUUID());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(post(noCertificate, TestNotices.discharge(8106).json(), null).statusCode()).isEqualTo(401);
    }

    @Test
    void clientCredentialsWithASignedAssertionGiveATokenThatAuthenticates() throws Exception {
        HttpClient c = client(PKI, null);
        HttpResponse<String> token = token(c, assertion(TRUST_KEY, "demo-trust", tokenUrl(), Duration.ofMinutes(4),
                UUID.randomUUID().toString()));
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.headers().firstValue("Cache-Control")).hasValue("no-store");
        String accessToken = token.body().replaceAll("(?s).*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        HttpRequest.Builder req = request(TestNotices.discharge(8107).json()).header("Authorization", "Bearer " + accessToken);
        assertThat(c.send(req.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        HttpRequest.Builder forgedToken = request(TestNotices.discharge(8108).json())
                .header("Authorization", "Bearer " + accessToken + "x");
        assertThat(c.send(forgedToken.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void replayedForgedExpiredAndMisaddressedAssertionsAreRefused() throws Exception {
        HttpClient c = client(PKI, null);
        String once = assertion(TRUST_KEY, "demo-trust", tokenUrl(), Duration.ofMinutes(4), UUID.randomUUID().toString());
        assertThat(token(c, once).statusCode()).isEqualTo(200);
        assertThat(token(c, once).body()).contains("invalid_client"); // replay of the same jti
        ECKey stranger = new ECKeyGenerator(Curve.P_384).generate();
        String forged = assertion(stranger, "demo-trust", tokenUrl(), Duration.ofMinutes(4), UUID.randomUUID().toString());
        String expired = assertion(TRUST_KEY, "demo-trust", tokenUrl(), Duration.ofMinutes(-5), UUID.randomUUID().toString());
        String elsewhere = assertion(TRUST_KEY, "demo-trust", "https://elsewhere.example/token", Duration.ofMinutes(4),
                UUID.randomUUID().toString());
        String tooLong = assertion(TRUST_KEY, "demo-trust", tokenUrl(), Duration.ofHours(2), UUID.randomUUID().toString());
        for (String a : new String[] {forged, expired, elsewhere, tooLong}) {
            HttpResponse<String> resp = token(c, a);
            assertThat(resp.statusCode()).isEqualTo(401);
            assertThat(resp.body()).isEqualTo("{\"error\":\"invalid_client\"}");
        }
    }

    @Test
    void theSoapEdgeMapsALocalAuthoritysCertificateAndRefusesOthers() throws Exception {
        String soap = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<itk:DistributionEnvelope xmlns:itk=\"urn:nhs-itk:ns:201005\"/></soap:Body></soap:Envelope>";
        java.util.function.Function<HttpClient, Integer> call = c -> {
            try {
                return c.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/soap/itk/answers"))
                        .timeout(Duration.ofSeconds(60)).header("Content-Type", "text/xml; charset=UTF-8")
                        .header("SOAPAction", "\"urn:nhs-itk:services:201005:sendRecvDistEnvelope\"")
                        .POST(HttpRequest.BodyPublishers.ofString(soap)).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        // the LA's certificate authenticates it: the call gets past authentication to the envelope check (an
        // ITK fault for the empty envelope, HTTP 500)
        assertThat(call.apply(client(PKI, LA_PKI.client(LA_SOAP_SUBJECT)))).isNotEqualTo(401).isEqualTo(500);
        // a valid certificate of an agency that is not a SOAP local authority, and no credential, are refused
        assertThat(call.apply(trustWithCertificate)).isEqualTo(401);
        assertThat(call.apply(client(PKI, null))).isEqualTo(401);
    }

    @Test
    void responsesCarrySecurityHeaders() throws Exception {
        HttpResponse<String> resp = post(client(PKI, null), TestNotices.discharge(8109).json(), null);
        assertThat(resp.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(resp.headers().firstValue("Strict-Transport-Security")).isPresent();
        assertThat(resp.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'"));
        assertThat(resp.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    private int quarantined(String reason) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE reason_code = ?", Integer.class, reason);
    }

    private String tokenUrl() {
        return "https://localhost:" + port + TokenController.PATH;
    }

    private static String assertion(ECKey key, String client, String audience, Duration life, String jti) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(client).subject(client).audience(audience)
                .expirationTime(Date.from(Instant.now().plus(life))).jwtID(jti).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private HttpResponse<String> token(HttpClient c, String assertion) throws Exception {
        return c.send(HttpRequest.newBuilder(URI.create(tokenUrl())).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(assertion))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String assertion) {
        return "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8);
    }

    private static String fingerprint(TestPki pki) {
        try {
            return pki.caFingerprint();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String body) {
        return HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/fhir/$process-message"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> post(HttpClient c, String body, String apiKey) throws Exception {
        HttpRequest.Builder req = request(body);
        if (apiKey != null) {
            req.header("X-API-Key", apiKey);
        }
        return c.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client(TestPki trust, TestPki.Issued identity) throws Exception {
        return HttpClient.newBuilder().sslContext(trust.clientContext(identity)).connectTimeout(Duration.ofSeconds(10)).build();
    }
}
