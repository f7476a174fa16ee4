package org.seamless.mappings.canonical;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one way Seamless makes folders and files that may hold personal data or secrets: folders
 * 700 and files 600, given at creation (so a file is never briefly readable by others) and then
 * set explicitly (so a permissive or unusual umask changes nothing). Plain Java, here at the bottom
 * of the build so that every module uses the same code. On a file system without POSIX
 * permissions (Windows) the platform's access control applies instead.
 */
public final class PrivateFiles {
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** For a folder another process of the same group must read (an LA import job), chosen explicitly. */
    public static final Set<PosixFilePermission> GROUP_DIRECTORY = PosixFilePermissions.fromString("rwxr-x---");

    private PrivateFiles() {
    }

    /**
     * Makes a folder and any missing parents owner-only (700); an existing folder is made 700 too.
     * Parents that already exist are left as they are.
     */
    public static Path directory(Path dir) {
        return directory(dir, DIRECTORY);
    }

    /** As {@link #directory(Path)}, with the given folder permissions for the folder itself. */
    public static Path directory(Path dir, Set<PosixFilePermission> mode) {
        Path abs = dir.toAbsolutePath().normalize();
        List<Path> missing = new ArrayList<>();
        for (Path p = abs; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.add(0, p);
        }
        try {
            for (Path p : missing) {
                try {
                    Files.createDirectory(p, attributes(p, DIRECTORY));
                } catch (FileAlreadyExistsException raced) {
                    // another thread made it first: made 700 below all the same
                }
                restrict(p, DIRECTORY);
            }
            if (!Files.isDirectory(abs)) {
                throw new IOException(abs + " is not a folder");
            }
            restrict(abs, mode);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the owner-only folder " + abs, e);
        }
    }

    /** Writes a whole file atomically: a new 600 file beside it, then renamed over it. The folder is made 700. */
    public static void write(Path file, byte[] data) {
        Path parent = file.toAbsolutePath().getParent();
        directory(parent);
        Path tmp = parent.resolve("." + file.getFileName() + ".tmp");
        try {
            try (OutputStream out = newOutputStream(tmp)) {
                out.write(data);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the owner-only file " + file, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: the temporary file is owner-only anyway
            }
        }
    }

    public static void writeString(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Opens a file for writing, created 600 (an existing file is made 600 before it is truncated).
     * The caller makes the folder.
     */
    public static OutputStream newOutputStream(Path file) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            restrict(file, FILE);
        } else {
            Files.createFile(file, attributes(file, FILE));
            restrict(file, FILE);
        }
        return Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Makes an existing tree owner-only: folders 700, regular files 600. Symbolic links are neither
     * followed nor changed. For files that libraries create themselves (database, broker journal).
     */
    public static void restrictTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS) || !posix(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    restrict(dir, DIRECTORY);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        restrict(file, FILE);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // a file removed while walking (a rolled journal file): nothing left to protect
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + root + " owner-only", e);
        }
    }

    /** Whether the file system of this path has POSIX permissions. */
    public static boolean posix(Path p) {
        Path existing = p.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?>[] attributes(Path p, Set<PosixFilePermission> perms) {
        return posix(p) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)} : new FileAttribute<?>[0];
    }

    private static void restrict(Path p, Set<PosixFilePermission> perms) throws IOException {
        if (posix(p)) {
            try {
                Files.setPosixFilePermissions(p, perms);
            } catch (java.nio.file.NoSuchFileException gone) {
                // removed meanwhile
            }
        }
    }
}
