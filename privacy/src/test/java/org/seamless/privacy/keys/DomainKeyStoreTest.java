package org.seamless.privacy.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainKeyStoreTest {
    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();
    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-21T05:46:03.123Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void createsAKeyAtFirstUseAndKeepsItAcrossRestarts() {
        Path file = dir.resolve("keys.p12");
        String first;
        try (DomainKeyStore keys = DomainKeyStore.create(file, PASSWORD, FIXED)) {
            first = keys.currentKeyId("la-leeds");
            assertThat(first).isEqualTo("k20261121t054603123");
            assertThat(keys.currentKeyId("la-leeds")).isEqualTo(first);
        }
        try (DomainKeyStore reopened = DomainKeyStore.open(file, PASSWORD)) {
            assertThat(reopened.currentKeyId("la-leeds")).isEqualTo(first);
            assertThat(reopened.key("la-leeds", first).getEncoded()).hasSize(32);
        }
    }

    @Test
    void rotationAddsALaterKeyAndKeepsTheOldOnes() {
        try (DomainKeyStore keys = DomainKeyStore.create(dir.resolve("keys.p12"), PASSWORD, FIXED)) {
            String k1 = keys.currentKeyId("la-leeds");
            String k2 = keys.rotate("la-leeds");
            String k3 = keys.rotate("la-leeds");
            String t1 = keys.currentKeyId("la-leeds", KeyPurpose.TOKEN);

            assertThat(List.of(k1, k2, k3)).isSorted().doesNotHaveDuplicates();
            assertThat(keys.keyIds("la-leeds", KeyPurpose.PSEUDONYM)).containsExactly(k1, k2, k3);
            assertThat(keys.currentKeyId("la-leeds")).isEqualTo(k3);
            assertThat(t1).startsWith("t").isGreaterThan("t" + k3.substring(1));
            assertThat(keys.keyIds("la-leeds", KeyPurpose.TOKEN)).containsExactly(t1);
            assertThat(keys.keyIds("vcs-homecare", KeyPurpose.PSEUDONYM)).isEmpty();
            assertThat(keys.hasKey("la-leeds", k1)).isTrue();
            assertThat(keys.hasKey("vcs-homecare", k1)).isFalse();
        }
    }

    @Test
    void storesSecretKeyEntriesUnderDomainDotKeyIdInAnOwnerOnlyPkcs12File() throws Exception {
        Path file = dir.resolve("keys.p12");
        String keyId;
        try (DomainKeyStore keys = DomainKeyStore.create(file, PASSWORD)) {
            keyId = keys.currentKeyId("LA-Leeds");
        }
        KeyStore raw = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            raw.load(in, PASSWORD);
        }
        assertThat(Collections.list(raw.aliases())).containsExactly("la-leeds." + keyId);
        assertThat(raw.entryInstanceOf("la-leeds." + keyId, KeyStore.SecretKeyEntry.class)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        // no temporary file left behind; the lock several hubs take to change the file (empty) stays, owner-only
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("keys.p12", "keys.p12.lock");
        assertThat(Files.size(dir.resolve("keys.p12.lock"))).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys.p12.lock"))))
                .isEqualTo("rw-------");
    }

    @Test
    void refusesAWrongPasswordAnExistingFileAndBadDomainsWithoutRevealingSecrets() {
        Path file = dir.resolve("keys.p12");
        DomainKeyStore.create(file, PASSWORD).close();

        assertThatThrownBy(() -> DomainKeyStore.open(file, "guess".toCharArray()))
                .isInstanceOf(KeyStoreAccessException.class)
                .hasMessageContaining("wrong password")
                .hasMessageNotContaining("guess");
        assertThatThrownBy(() -> DomainKeyStore.create(file, PASSWORD)).hasMessageContaining("already exists");
        assertThatThrownBy(() -> DomainKeyStore.create(dir.resolve("x.p12"), new char[0]))
                .hasMessageContaining("password is missing");
        try (DomainKeyStore keys = DomainKeyStore.open(file, PASSWORD)) {
            assertThatThrownBy(() -> keys.currentKeyId("la.leeds")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> keys.currentKeyId("")).isInstanceOf(IllegalArgumentException.class);
            assertThat(keys.toString()).contains("redacted").doesNotContain(new String(PASSWORD));
        }
    }
}
