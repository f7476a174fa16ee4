package org.seamless.privacy.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A {@link FieldCipher} over a fresh key store in a temporary folder, password generated at test time. */
public final class TestFieldCiphers {
    private TestFieldCiphers() {
    }

    public static FieldCipher create() {
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
