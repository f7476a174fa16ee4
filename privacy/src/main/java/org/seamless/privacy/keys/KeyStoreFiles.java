package org.seamless.privacy.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

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
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".keystore", ".tmp");
        try {
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                store.store(out, password);
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
