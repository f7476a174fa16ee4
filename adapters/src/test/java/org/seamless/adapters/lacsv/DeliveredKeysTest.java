package org.seamless.adapters.lacsv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink's key store keeps Camel's file semantics: keys survive a restart, and an evicted key is still found. */
class DeliveredKeysTest {
    @TempDir
    Path dir;

    @Test
    void keysSurviveARestartAndNewKeysAreNotFound() throws Exception {
        File file = dir.resolve("keys.dat").toFile();
        DeliveredKeys first = started(file, 100);
        assertThat(first.add("m-1:0")).isTrue();
        assertThat(first.add("m-1:0")).isFalse();
        first.stop();

        DeliveredKeys again = started(file, 100);
        assertThat(again.contains("m-1:0")).isTrue();
        assertThat(again.contains("m-2:0")).isFalse();
        assertThat(again.add("m-2:0")).isTrue();
        again.stop();
    }

    @Test
    void aKeyDroppedFromAFullCacheIsStillFoundInTheFile() throws Exception {
        File file = dir.resolve("keys.dat").toFile();
        DeliveredKeys keys = started(file, 2);
        for (String k : new String[] {"a", "b", "c", "d"}) {
            assertThat(keys.add(k)).isTrue();
        }
        assertThat(keys.getCacheSize()).isLessThanOrEqualTo(2);
        assertThat(keys.contains("a")).isTrue();
        assertThat(keys.add("a")).isFalse();
        assertThat(keys.contains("e")).isFalse();
        keys.stop();
    }

    private static DeliveredKeys started(File file, int capacity) {
        DeliveredKeys keys = new DeliveredKeys(file, capacity, 1024 * 1024);
        keys.start();
        return keys;
    }
}
