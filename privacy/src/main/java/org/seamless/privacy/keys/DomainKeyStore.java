package org.seamless.privacy.keys;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-domain secret keys in a PKCS#12 file ({@code SecretKeyEntry}, alias {@code <domain>.<keyId>}).
 * A domain's current key for a purpose is its latest; rotation adds a later key and keeps the
 * old ones so that earlier pseudonyms are still recognised and earlier tokens still reveal.
 * Keys are made with {@link SecureRandom} at first use and the file is rewritten atomically on
 * every change. Several hubs may share the file (one volume mounted by every hub, ADR 0054): a
 * change is made under a lock on a {@code .lock} file beside the store (held for this JVM and, through
 * the operating system, against other processes) after reading the file again, so two hubs that need
 * a domain's first key at once end with one key, not two; and a key id this instance does not hold
 * (made by another hub) is looked for in the file before it is called missing. The password comes from the caller (in production an environment variable or a
 * mounted secret file) and never appears in {@link #toString()}, logs or exception messages.
 */
public final class DomainKeyStore implements AutoCloseable {
    private final Path path;
    private final char[] password;
    private KeyStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKey> cache = new ConcurrentHashMap<>();
    private final Map<String, String> currentIds = new ConcurrentHashMap<>();
    private java.nio.file.attribute.FileTime loadedAt;

    private DomainKeyStore(Path path, char[] password, KeyStore store, Clock clock) {
        this.path = path;
        this.password = password.clone();
        this.store = store;
        this.clock = clock;
    }

    /** Creates a new, empty key store file; fails if the file exists. */
    public static DomainKeyStore create(Path path, char[] password) {
        return create(path, password, Clock.systemUTC());
    }

    static DomainKeyStore create(Path path, char[] password, Clock clock) {
        checkPassword(password);
        if (Files.exists(path)) {
            throw new KeyStoreAccessException("key store " + path + " already exists",
                    new FileAlreadyExistsException(path.toString()));
        }
        try {
            KeyStore ks = KeyStore.getInstance(KeyStoreFiles.TYPE);
            ks.load(null, null);
            DomainKeyStore keys = new DomainKeyStore(path, password, ks, clock);
            keys.save();
            return keys;
        } catch (GeneralSecurityException | IOException e) {
            throw new KeyStoreAccessException("cannot create key store " + path, e);
        }
    }

    /**
     * Opens the key store file, or creates it if there is none, under the file lock: hubs that start at
     * once on an empty shared volume open one store rather than each writing its own.
     */
    public static DomainKeyStore openOrCreate(Path path, char[] password) {
        try (SharedFileLock lock = SharedFileLock.take(path)) {
            return Files.exists(path) ? open(path, password) : create(path, password);
        }
    }

    /** Opens an existing key store file. */
    public static DomainKeyStore open(Path path, char[] password) {
        return open(path, password, Clock.systemUTC());
    }

    static DomainKeyStore open(Path path, char[] password, Clock clock) {
        checkPassword(password);
        try {
            DomainKeyStore keys = new DomainKeyStore(path, password, KeyStoreFiles.read(path, password), clock);
            keys.loadedAt = keys.modified();
            return keys;
        } catch (IOException e) {
            throw new KeyStoreAccessException("cannot open key store " + path
                    + ": missing or unreadable file, wrong password, or not a PKCS#12 store", e);
        } catch (GeneralSecurityException e) {
            throw new KeyStoreAccessException("cannot open key store " + path, e);
        }
    }

    /** The current pseudonym key id of the domain, creating the domain's first key if it has none. */
    public String currentKeyId(String domain) {
        return currentKeyId(domain, KeyPurpose.PSEUDONYM);
    }

    /** The current key id of the domain for the purpose, creating the first key if there is none. */
    public String currentKeyId(String domain, KeyPurpose purpose) {
        String known = currentIds.get(KeyIds.alias(KeyIds.domain(domain), String.valueOf(purpose.prefix())));
        return known != null ? known : latestOrFirst(domain, purpose);
    }

    private synchronized String latestOrFirst(String domain, KeyPurpose purpose) {
        List<String> ids = keyIds(domain, purpose);
        if (ids.isEmpty()) {
            try (SharedFileLock lock = SharedFileLock.take(path)) {
                reload(); // another hub may have made the domain's first key since this one read the file
                ids = keyIds(domain, purpose);
                if (ids.isEmpty()) {
                    return rotateLocked(domain, purpose);
                }
            }
        }
        String latest = ids.get(ids.size() - 1);
        currentIds.put(KeyIds.alias(KeyIds.domain(domain), String.valueOf(purpose.prefix())), latest);
        return latest;
    }

    /** Adds a new pseudonym key to the domain and makes it current; returns its id. */
    public String rotate(String domain) {
        return rotate(domain, KeyPurpose.PSEUDONYM);
    }

    /** Adds a new key for the purpose to the domain and makes it current; old keys are kept. */
    public synchronized String rotate(String domain, KeyPurpose purpose) {
        try (SharedFileLock lock = SharedFileLock.take(path)) {
            reload(); // keep the keys other hubs added: the file is rewritten whole
            return rotateLocked(domain, purpose);
        }
    }

    private String rotateLocked(String domain, KeyPurpose purpose) {
        String d = KeyIds.domain(domain);
        String keyId = KeyIds.next(purpose, clock.instant(), allKeyIds());
        byte[] material = new byte[purpose.keyBytes()];
        random.nextBytes(material);
        SecretKey key = new SecretKeySpec(material, purpose.algorithm());
        Arrays.fill(material, (byte) 0);
        String alias = KeyIds.alias(d, keyId);
        try {
            store.setEntry(alias, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(password));
            save();
        } catch (GeneralSecurityException | IOException e) {
            forget(alias);
            throw new KeyStoreAccessException("cannot add a key to key store " + path, e);
        }
        cache.put(alias, key);
        currentIds.put(KeyIds.alias(d, String.valueOf(purpose.prefix())), keyId);
        return keyId;
    }

    private void forget(String alias) {
        try {
            store.deleteEntry(alias); // the file was not rewritten: memory must not be ahead of it
        } catch (java.security.KeyStoreException ignored) {
            // nothing was added
        }
    }

    /** The domain's key ids for the purpose, oldest first (the last is current). */
    public synchronized List<String> keyIds(String domain, KeyPurpose purpose) {
        String prefix = KeyIds.domain(domain) + ".";
        List<String> ids = new ArrayList<>();
        for (String alias : aliases()) {
            String keyId = alias.substring(alias.indexOf('.') + 1);
            if (alias.startsWith(prefix) && keyId.charAt(0) == purpose.prefix()) {
                ids.add(keyId);
            }
        }
        Collections.sort(ids);
        return ids;
    }

    /** Whether the domain holds a key with this id (looked for in the file too, if another hub made it). */
    public synchronized boolean hasKey(String domain, String keyId) {
        if (!KeyIds.isKeyId(keyId)) {
            return false;
        }
        String alias = KeyIds.alias(KeyIds.domain(domain), keyId);
        if (!contains(alias)) {
            reloadIfChanged();
        }
        return contains(alias);
    }

    private boolean contains(String alias) {
        try {
            return store.containsAlias(alias);
        } catch (java.security.KeyStoreException e) {
            throw new KeyStoreAccessException("cannot read key store " + path, e);
        }
    }

    /** The secret key; decrypted once from the store, then held in memory. */
    SecretKey key(String domain, String keyId) {
        String alias = KeyIds.alias(KeyIds.domain(domain), keyId);
        SecretKey cached = cache.get(alias);
        return cached != null ? cached : load(alias);
    }

    private synchronized SecretKey load(String alias) {
        if (!contains(alias)) {
            reloadIfChanged(); // made by another hub after this one read the file
        }
        try {
            if (store.getKey(alias, password) instanceof SecretKey key) {
                cache.put(alias, key);
                return key;
            }
        } catch (GeneralSecurityException e) {
            throw new KeyStoreAccessException("cannot read key " + alias + " from key store " + path, e);
        }
        throw new KeyStoreAccessException("key store " + path + " has no secret key " + alias);
    }

    private List<String> allKeyIds() {
        return aliases().stream().map(a -> a.substring(a.indexOf('.') + 1)).filter(KeyIds::isKeyId).toList();
    }

    private List<String> aliases() {
        try {
            return Collections.list(store.aliases()).stream().filter(a -> a.indexOf('.') > 0).toList();
        } catch (java.security.KeyStoreException e) {
            throw new KeyStoreAccessException("cannot read key store " + path, e);
        }
    }

    /** Reads the file again (under the lock or for a key id this instance lacks); keys in memory stay valid. */
    private void reload() {
        try {
            store = KeyStoreFiles.read(path, password);
            loadedAt = modified();
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyStoreAccessException("cannot read key store " + path, e);
        }
    }

    private void reloadIfChanged() {
        if (!modified().equals(loadedAt)) {
            try (SharedFileLock lock = SharedFileLock.take(path)) {
                reload();
            }
        }
    }

    private java.nio.file.attribute.FileTime modified() {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            throw new KeyStoreAccessException("cannot read key store " + path, e);
        }
    }

    private void save() throws IOException, GeneralSecurityException {
        KeyStoreFiles.write(store, path, password);
        loadedAt = modified();
    }

    private static void checkPassword(char[] password) {
        if (password == null || password.length == 0) {
            throw new KeyStoreAccessException("key store password is missing or empty");
        }
    }

    /** Forgets the password and the keys held in memory. */
    @Override
    public void close() {
        Arrays.fill(password, '\0');
        cache.clear();
        currentIds.clear();
    }

    @Override
    public String toString() {
        return "DomainKeyStore[" + path + ", keys and password redacted]";
    }
}
