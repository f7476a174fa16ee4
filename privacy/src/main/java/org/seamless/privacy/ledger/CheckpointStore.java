package org.seamless.privacy.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Signed checkpoint files in a directory outside the database ({@code checkpoint-<n>.txt}): the
 * signed text followed by an Ed25519 signature line. Written under a temporary name and renamed.
 */
public class CheckpointStore {
    private static final String PREFIX = "checkpoint-";
    private final Path dir;

    public CheckpointStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Signs and writes a checkpoint of {@code head} as the next checkpoint; returns it. */
    public Checkpoint write(LedgerQueries.Head head, Instant now, PrivateKey key) throws IOException {
        Files.createDirectories(dir);
        long next = list().stream().mapToLong(Checkpoint::sequence).max().orElse(0) + 1;
        Checkpoint cp = new Checkpoint(next, head.lastSeq(), head.lastHash() == null ? ChainHasher.GENESIS
                : head.lastHash(), now);
        String text = new String(cp.signedText(), StandardCharsets.US_ASCII) + "signature="
                + Base64.getEncoder().encodeToString(sign(cp.signedText(), key)) + "\n";
        Path tmp = dir.resolve(".partial-" + next);
        Files.writeString(tmp, text);
        Files.move(tmp, dir.resolve("%s%012d.txt".formatted(PREFIX, next)), StandardCopyOption.ATOMIC_MOVE);
        return cp;
    }

    /** Every checkpoint, signature checked; a bad signature or unreadable file is an error. */
    public List<Checkpoint> readVerified(PublicKey key) throws IOException {
        List<Checkpoint> out = new ArrayList<>();
        for (Path file : files()) {
            Properties p = load(file);
            Checkpoint cp = parse(p);
            if (!verify(cp.signedText(), Base64.getDecoder().decode(p.getProperty("signature", "")), key)) {
                throw new CheckpointException("checkpoint " + file.getFileName() + " has an invalid signature");
            }
            out.add(cp);
        }
        return out;
    }

    /** The number of ledger entries the newest checkpoint covers; -1 when there is none. */
    public long lastEntries() throws IOException {
        return list().stream().mapToLong(Checkpoint::entries).max().orElse(-1);
    }

    private List<Checkpoint> list() throws IOException {
        List<Checkpoint> out = new ArrayList<>();
        for (Path f : files()) {
            out.add(parse(load(f)));
        }
        return out;
    }

    private List<Path> files() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith(PREFIX) && f.getFileName().toString().endsWith(".txt"))
                    .sorted().toList();
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            p.load(r);
        }
        return p;
    }

    private static Checkpoint parse(Properties p) {
        try {
            return new Checkpoint(Long.parseLong(p.getProperty("sequence")), Long.parseLong(p.getProperty("entries")),
                    p.getProperty("head-hash"), Instant.parse(p.getProperty("time")));
        } catch (RuntimeException e) {
            throw new CheckpointException("unreadable checkpoint file");
        }
    }

    private static byte[] sign(byte[] text, PrivateKey key) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(text);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    private static boolean verify(byte[] text, byte[] signature, PublicKey key) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(text);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** A checkpoint file is unreadable or its signature does not verify. */
    public static class CheckpointException extends RuntimeException {
        public CheckpointException(String message) {
            super(message);
        }
    }
}
