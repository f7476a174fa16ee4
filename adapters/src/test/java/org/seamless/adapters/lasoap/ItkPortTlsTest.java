package org.seamless.adapters.lasoap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.mappings.testdata.TestNotices;

/** https endpoints: trusted through the configured trust store, refused (and retried) without it. Keys made per run. */
class ItkPortTlsTest {
    @TempDir
    static Path dir;
    private static final String SERVER_PASSWORD = random();
    private static final String TRUST_PASSWORD = random();
    private static CannedSoapServer server;

    @BeforeAll
    static void startHttpsEndpoint() throws Exception {
        Path serverStore = dir.resolve("la-server.p12");
        keytool("-genkeypair", "-alias", "la", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", serverStore.toString(), "-storepass", SERVER_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "la", "-keystore", serverStore.toString(), "-storepass", SERVER_PASSWORD,
                "-file", dir.resolve("la.pem").toString());
        keytool("-importcert", "-noprompt", "-alias", "la", "-file", dir.resolve("la.pem").toString(),
                "-storetype", "PKCS12", "-keystore", dir.resolve("trust.p12").toString(), "-storepass", TRUST_PASSWORD);

        KeyStore keys = KeyStore.getInstance(serverStore.toFile(), SERVER_PASSWORD.toCharArray());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, SERVER_PASSWORD.toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = CannedSoapServer.https(ssl).answer(200, SoapTestFixtures.RESPONSE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void configuredTrustStoreLetsTheCallThrough() throws Exception {
        SoapTestFixtures.RecordingJournal journal = new SoapTestFixtures.RecordingJournal();
        AgencyConfig agency = SoapTestFixtures.agency(server.url("https"), Map.of(
                LaSoapAdapterType.TRUST_STORE, dir.resolve("trust.p12").toString(),
                LaSoapAdapterType.TRUST_STORE_PASSWORD, TRUST_PASSWORD));

        new ItkDelivery(agency, new ItkPort(ItkClientSettings.of(agency), UnaryOperator.identity()), journal)
                .deliver(SoapTestFixtures.exchange(TestNotices.discharge(41), 0));

        assertThat(journal.entries).singleElement().asString().startsWith("DELIVERED");
        assertThat(ItkClientSettings.of(agency).toString()).doesNotContain(TRUST_PASSWORD);
    }

    @Test
    void untrustedCertificateIsATransportFailure() {
        SoapTestFixtures.RecordingJournal journal = new SoapTestFixtures.RecordingJournal();
        AgencyConfig agency = SoapTestFixtures.agency(server.url("https"), Map.of());
        ItkDelivery delivery = new ItkDelivery(agency,
                new ItkPort(ItkClientSettings.of(agency), UnaryOperator.identity()), journal);

        assertThatThrownBy(() -> delivery.deliver(SoapTestFixtures.exchange(TestNotices.discharge(42), 0)))
                .isInstanceOf(ItkTransportException.class);
        assertThat(journal.entries).isEmpty();
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }

    private static String random() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
