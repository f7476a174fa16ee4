package org.seamless.privacy.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import org.seamless.mappings.canonical.PrivateFiles;

/** Reads and atomically rewrites the PKCS#12 file, readable by its owner only. */
final class KeyStoreFiles {
    static final String TYPE = "PKCS12";

    private KeyStoreFiles() {
    }

    static KeyStore read(Path path, char[] password) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore ks = KeyStore.getInstance(TYPE);
            ks.load(in, password);
            return ks;
        }
    }

    /** Writes to a temporary file beside the store, then moves it over the store in one step. */
    static void write(KeyStore store, Path path, char[] password) throws IOException, GeneralSecurityException {
        Path dir = PrivateFiles.directory(path.toAbsolutePath().getParent());
        Path tmp = dir.resolve(".keystore-" + java.util.UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = PrivateFiles.newOutputStream(tmp)) {
                store.store(out, password);
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
