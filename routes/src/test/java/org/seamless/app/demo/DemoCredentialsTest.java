package org.seamless.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class DemoCredentialsTest {
    @TempDir
    Path root;

    @Test
    void theCredentialsFileAndItsFoldersAreOwnerOnly() throws Exception {
        Path dataDir = root.resolve("data");
        MockEnvironment env = new MockEnvironment();
        env.setProperty("seamless.demo.enabled", "true");
        env.setProperty("seamless.data-dir", dataDir.toString());

        new DemoCredentials().postProcessEnvironment(env, new SpringApplication());

        assertThat(mode(dataDir)).isEqualTo("rwx------");
        assertThat(mode(dataDir.resolve("demo"))).isEqualTo("rwx------");
        assertThat(mode(dataDir.resolve(DemoCredentials.FILE))).isEqualTo("rw-------");
        // every generated value carries the demo marker and still decodes as a base64url key of 32+ bytes
        String auditKey = env.getProperty("seamless.keys.audit-key");
        assertThat(auditKey).startsWith(DemoCredentials.MARKER);
        assertThat(java.util.Base64.getUrlDecoder().decode(auditKey)).hasSizeGreaterThanOrEqualTo(32);
        assertThat(env.getProperty("seamless.keys.quarantine-key")).startsWith(DemoCredentials.MARKER);
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
