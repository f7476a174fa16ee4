package org.seamless.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.seamless.privacy.keys.DomainKeyStore;
import org.seamless.privacy.keys.FieldCipher;

/** A {@link FieldCipher} (ADR 0071) over a fresh key store in a temporary folder, password made at test time. */
public final class TestAtRest {
    private TestAtRest() {
    }

    public static FieldCipher cipher() {
        try {
            Path dir = Files.createTempDirectory("seamless-at-rest-");
            dir.toFile().deleteOnExit();
            byte[] pw = new byte[16];
            new SecureRandom().nextBytes(pw);
            Path file = dir.resolve("keys.p12");
            file.toFile().deleteOnExit();
            return new FieldCipher(DomainKeyStore.create(file, HexFormat.of().formatHex(pw).toCharArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
