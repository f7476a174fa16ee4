package org.seamless.mappings.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
    @TempDir
    Path root;

    @Test
    void foldersAre700AndFiles600WhateverWasThereBefore() throws Exception {
        Path open = Files.createDirectories(root.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        PrivateFiles.directory(open.resolve("a/b"));
        assertThat(mode(open)).as("an existing parent is not Seamless's to change").isEqualTo("rwxrwxrwx");
        assertThat(mode(open.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(open.resolve("a/b"))).isEqualTo("rwx------");
        Files.setPosixFilePermissions(open.resolve("a/b"), PosixFilePermissions.fromString("rwxr-xr-x"));
        PrivateFiles.directory(open.resolve("a/b"));
        assertThat(mode(open.resolve("a/b"))).as("the folder itself is made 700 again").isEqualTo("rwx------");

        Path file = open.resolve("a/b/secret.txt");
        PrivateFiles.writeString(file, "one");
        assertThat(mode(file)).isEqualTo("rw-------");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        PrivateFiles.writeString(file, "two");
        assertThat(Files.readString(file)).isEqualTo("two");
        assertThat(mode(file)).isEqualTo("rw-------");
        try (var s = Files.list(open.resolve("a/b"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("secret.txt"); // no temporary left
        }
    }

    @Test
    void aNewFileIsOwnerOnlyBeforeAnythingIsWritten() throws Exception {
        Path file = root.resolve("stream.bin");
        try (OutputStream out = PrivateFiles.newOutputStream(file)) {
            assertThat(mode(file)).isEqualTo("rw-------");
            out.write(1);
        }
    }

    @Test
    void aTreeMadeByALibraryIsTightenedWithoutFollowingLinks() throws Exception {
        Path outside = Files.writeString(root.resolve("outside.txt"), "x");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
        Path journal = Files.createDirectories(root.resolve("broker/journal"));
        Path data = Files.writeString(journal.resolve("seamless-1.amq"), "x");
        Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createSymbolicLink(journal.resolve("link"), outside);

        PrivateFiles.restrictTree(root.resolve("broker"));

        assertThat(mode(journal)).isEqualTo("rwx------");
        assertThat(mode(data)).isEqualTo("rw-------");
        assertThat(mode(outside)).isEqualTo("rw-r--r--");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
