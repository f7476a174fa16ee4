package org.seamless.privacy.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.seamless.mappings.canonical.PrivateFiles;

/**
 * The Ed25519 checkpoint signing key, separate from the audit (chain) key and kept outside the
 * database: a PKCS#8 file readable by the owner only, created on first use. The public key is
 * written as PEM beside the checkpoints so anyone can check them.
 */
public final class CheckpointKeys {
    public static final String PUBLIC_KEY_FILE = "ledger-public-key.pem";

    private CheckpointKeys() {
    }

    /** Loads the private key at {@code file}, or creates it (owner-only) when absent. */
    public static KeyPair loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                PrivateKey priv = KeyFactory.getInstance("Ed25519")
                        .generatePrivate(new PKCS8EncodedKeySpec(pem(Files.readString(file))));
                return new KeyPair(publicOf(file), priv);
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            PrivateFiles.writeString(file, toPem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicFileFor(file), toPem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return pair;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load or create the ledger checkpoint key", e);
        }
    }

    /** Reads a PEM public key (as written by {@link #publish}). */
    public static PublicKey readPublic(Path pemFile) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(pem(Files.readString(pemFile))));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the checkpoint public key " + pemFile.getFileName(), e);
        }
    }

    /** Writes the public key as PEM into {@code dir}. */
    public static void publish(PublicKey key, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(PUBLIC_KEY_FILE), toPem("PUBLIC KEY", key.getEncoded()));
    }

    private static PublicKey publicOf(Path privateFile) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(
                new X509EncodedKeySpec(pem(Files.readString(publicFileFor(privateFile)))));
    }

    private static Path publicFileFor(Path privateFile) {
        return privateFile.resolveSibling(privateFile.getFileName() + ".pub");
    }

    private static byte[] pem(String text) {
        return Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").strip());
    }

    private static String toPem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
