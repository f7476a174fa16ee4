package org.seamless.adapters.lacsv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seamless.adapters.registry.AdapterConfig;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.BrokerAddresses;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.AgencySinkRoute;
import org.seamless.adapters.spi.DeliveryJournal;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.mappings.testdata.TestNotices;

/**
 * The la-csv sink's file scheme, to a folder and to a real embedded SFTP server (Apache MINA
 * SSHD on a random port, host key and password generated for the run): data file, then its
 * {@code .ok} marker with the right SHA-256, nothing left under a temporary name, a redelivery
 * not written twice but acknowledged again, and a server with the wrong host key refused.
 */
class LaCsvDeliveryTest {
    private static final String SOURCE = "demo-trust";
    @TempDir
    Path dir;
    private final List<String> delivered = new ArrayList<>();
    private CamelContext camel;
    private SshServer sshd;

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.stop();
        }
        if (sshd != null) {
            sshd.stop(true);
        }
    }

    @Test
    void writesDataFileThenMarkerToTheOutbox() throws Exception {
        Path outbox = dir.resolve("outbox");
        start(Map.of(LaCsvAdapterType.OUTBOX, outbox.toString()));
        TestNotices.Notice notice = TestNotices.discharge(41);

        send(notice);
        send(notice); // a redelivery after the key was stored: skipped

        assertDeliveredOnce(outbox, notice);
    }

    @Test
    void deliversOverSftpWithTheSameScheme() throws Exception {
        KeyPair hostKey = ecKey();
        String password = random();
        Path root = Files.createDirectories(dir.resolve("sftp-root"));
        startSftp(hostKey, password, root);
        start(sftpParams(knownHosts(hostKey), password));
        TestNotices.Notice notice = TestNotices.discharge(42);

        send(notice);
        send(notice);

        assertDeliveredOnce(root.resolve("notices"), notice);
    }

    @Test
    void refusesAServerWhoseHostKeyIsNotTheKnownOne() throws Exception {
        String password = random();
        startSftp(ecKey(), password, Files.createDirectories(dir.resolve("sftp-root")));
        start(sftpParams(knownHosts(ecKey()), password));

        assertThatThrownBy(() -> send(TestNotices.discharge(43))).isNotNull();
        assertThat(delivered).isEmpty();
        assertThat(dir.resolve("sftp-root").resolve("notices")).doesNotExist();
    }

    private void assertDeliveredOnce(Path folder, TestNotices.Notice notice) throws Exception {
        String data = NoticeManifest.dataFileName(
                org.seamless.mappings.canonical.ScopedMessageIds.of(SOURCE, notice.messageId()), 0);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(data, data + ".ok");
        }
        byte[] bytes = Files.readAllBytes(folder.resolve(data));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains(notice.messageId());
        assertThat(Files.readString(folder.resolve(data + ".ok"))).isEqualTo(NoticeManifest.HEADER + "\r\n" + data
                + ",1," + NoticeManifest.sha256(bytes) + "," + notice.messageId() + ",0\r\n");
        // the redelivery is acknowledged again (its first acknowledgement may have rolled back with a crash)
        assertThat(delivered).containsExactly(notice.messageId(), notice.messageId());
    }

    private Map<String, String> sftpParams(Path knownHosts, String password) {
        return Map.of(LaCsvAdapterType.SFTP_HOST, "127.0.0.1", LaCsvAdapterType.SFTP_PORT, Integer.toString(sshd.getPort()),
                LaCsvAdapterType.SFTP_USER, "la-import", LaCsvAdapterType.SFTP_PASSWORD, password,
                LaCsvAdapterType.SFTP_DIRECTORY, "notices", LaCsvAdapterType.SFTP_KNOWN_HOSTS, knownHosts.toString());
    }

    private void start(Map<String, String> delivery) throws Exception {
        Map<String, String> params = new HashMap<>(delivery);
        params.put(LaCsvAdapterType.STATE_DIR, dir.resolve("state").toString());
        params.put(LaCsvAdapterType.FORMULA_POLICY, "neutralise");
        AgencyConfig agency = new AgencyConfig("la-x", "LA", AgencyKind.LOCAL_AUTHORITY, "LAX01", Optional.empty(),
                new AdapterConfig(LaCsvAdapterType.NAME, params), BrokerAddresses.conventional("la-x"), List.of());
        DeliveryJournal journal = new DeliveryJournal() {
            @Override
            public void delivered(String recipient, String source, String messageId, int generation, String detail) {
                delivered.add(messageId);
            }

            @Override
            public void refused(String recipient, String source, String messageId, int generation, String reason) {
                throw new AssertionError("not expected");
            }
        };
        camel = new DefaultCamelContext();
        camel.addComponent("broker", new org.apache.camel.component.direct.DirectComponent() {
            // why: stands in for the agency's JMS component; the sink template sets a JMS consumer option
            @Override
            protected org.apache.camel.Endpoint createEndpoint(String uri, String remaining, Map<String, Object> options)
                    throws Exception {
                options.remove("errorHandlerLogStackTrace");
                return super.createEndpoint(uri, remaining, options);
            }
        });
        AdapterContext context = new AdapterContext("broker", null, journal, null);
        camel.addRoutes(new AgencySinkRoute(agency, context, new LaCsvSink(agency, context, camel)));
        camel.start();
    }

    private void send(TestNotices.Notice notice) {
        camel.createProducerTemplate().sendBodyAndHeaders("broker:queue:agency.la-x.outbound", notice.json(),
                Map.of(BrokerHeaders.MESSAGE_ID, notice.messageId(), BrokerHeaders.SOURCE_AGENCY, SOURCE,
                        BrokerHeaders.REPLAY_GENERATION, 0));
    }

    private void startSftp(KeyPair hostKey, String password, Path root) throws Exception {
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.setPasswordAuthenticator((user, pw, session) -> "la-import".equals(user) && password.equals(pw));
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
        sshd.start();
    }

    private Path knownHosts(KeyPair hostKey) throws Exception {
        Path file = Files.createTempFile(dir, "known_hosts", "");
        Files.writeString(file, "[127.0.0.1]:" + sshd.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        return file;
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    private static String random() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
