package org.seamless.privacy.keys;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.seamless.mappings.canonical.PrivateFiles;

/**
 * An exclusive lock on {@code <store>.lock} beside a key store, for a change several hubs sharing the
 * file could otherwise make at once. The operating system's file lock keeps other processes out; it is
 * held for the whole JVM, so a lock per path in this JVM keeps this process's own instances in turn.
 */
final class SharedFileLock implements AutoCloseable {
    private static final Map<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private SharedFileLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    static SharedFileLock take(Path store) {
        Path lockFile = store.toAbsolutePath().resolveSibling(store.getFileName() + ".lock");
        ReentrantLock local = IN_THIS_JVM.computeIfAbsent(lockFile, p -> new ReentrantLock());
        local.lock();
        FileChannel channel = null;
        try {
            PrivateFiles.directory(lockFile.getParent());
            java.util.Set<StandardOpenOption> options = java.util.EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel = PrivateFiles.posix(lockFile.getParent())
                    ? FileChannel.open(lockFile, options, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(PrivateFiles.FILE))
                    : FileChannel.open(lockFile, options);
            return new SharedFileLock(local, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            local.unlock();
            throw new KeyStoreAccessException("cannot lock key store " + store, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        } finally {
            closeQuietly(channel);
            local.unlock();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing held any more
            }
        }
    }
}
