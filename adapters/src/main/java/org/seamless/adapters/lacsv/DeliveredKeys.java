package org.seamless.adapters.lacsv;

import java.io.File;
import org.apache.camel.support.LRUCacheFactory;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;

/**
 * The la-csv sink's idempotency store: Camel's file store (keys appended to a file in the adapter's
 * state folder, loaded into an in-memory cache at start), without its scan of the whole file for
 * every new key. Camel checks the file whenever a key is not in the cache, and a new key never is,
 * so each delivery read the whole file (twice): the throughput benchmark measured it at 13 % of CPU
 * after 2,000 notices, growing with every notice delivered. While the cache has never been full it
 * holds every key the file holds, so a cache miss is a file miss; once it has been full (more
 * keys than {@code capacity}) the file is scanned as before.
 */
final class DeliveredKeys extends FileIdempotentRepository {
    private final int capacity;
    private volatile boolean cacheWasFull;

    DeliveredKeys(File store, int capacity, long maxFileBytes) {
        super(store, LRUCacheFactory.newLRUCache(capacity));
        this.capacity = capacity;
        setMaxFileStoreSize(maxFileBytes);
    }

    @Override
    protected boolean containsStore(String key) {
        if (getCacheSize() >= capacity) {
            cacheWasFull = true; // from now on the cache may have dropped keys the file still has
        }
        return cacheWasFull && super.containsStore(key);
    }
}
