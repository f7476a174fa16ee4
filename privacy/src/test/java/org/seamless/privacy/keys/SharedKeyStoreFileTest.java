package org.seamless.privacy.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several hubs share one key store file (ADR 0054): two instances on one file stand for two hubs.
 * Without the file lock and the re-read, each would make its own first key for a domain (and
 * pseudonymise the same person differently) and each rewrite would drop the other's keys.
 */
class SharedKeyStoreFileTest {
    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    @TempDir
    Path dir;

    @Test
    void hubsThatNeedADomainsFirstKeyAtOnceEndWithOneKey() throws Exception {
        Path file = dir.resolve("keys.p12");
        try (DomainKeyStore a = DomainKeyStore.openOrCreate(file, PASSWORD);
             DomainKeyStore b = DomainKeyStore.openOrCreate(file, PASSWORD)) {
            List<String> domains = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                domains.add("agency-" + i);
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String[]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                DomainKeyStore hub = t % 2 == 0 ? a : b;
                results.add(pool.submit((Callable<String[]>) () -> {
                    go.await();
                    String[] ids = new String[domains.size()];
                    for (int i = 0; i < domains.size(); i++) {
                        ids[i] = hub.currentKeyId(domains.get(i));
                    }
                    return ids;
                }));
            }
            go.countDown();
            List<String[]> all = new ArrayList<>();
            for (Future<String[]> f : results) {
                all.add(f.get(1, TimeUnit.MINUTES));
            }
            pool.shutdown();
            try (DomainKeyStore fresh = DomainKeyStore.open(file, PASSWORD)) {
                for (int i = 0; i < domains.size(); i++) {
                    List<String> inFile = fresh.keyIds(domains.get(i), KeyPurpose.PSEUDONYM);
                    assertThat(inFile).as("pseudonym keys of " + domains.get(i) + " in the file").hasSize(1);
                    for (String[] ids : all) {
                        assertThat(ids[i]).as("the key every thread of both hubs uses for " + domains.get(i))
                                .isEqualTo(inFile.get(0));
                    }
                    assertThat(a.key(domains.get(i), inFile.get(0)).getEncoded())
                            .isEqualTo(b.key(domains.get(i), inFile.get(0)).getEncoded());
                }
            }
        }
    }

    @Test
    void aKeyOneHubAddsIsFoundByTheOtherAndNoRewriteDropsAnotherHubsKey() {
        Path file = dir.resolve("keys.p12");
        try (DomainKeyStore a = DomainKeyStore.openOrCreate(file, PASSWORD);
             DomainKeyStore b = DomainKeyStore.openOrCreate(file, PASSWORD)) {
            String first = a.currentKeyId("la-leeds");
            assertThat(b.currentKeyId("la-leeds")).isEqualTo(first);
            String rotated = a.rotate("la-leeds");
            assertThat(b.hasKey("la-leeds", rotated)).as("a key the other hub made after this one read the file").isTrue();
            assertThat(b.key("la-leeds", rotated).getEncoded()).isEqualTo(a.key("la-leeds", rotated).getEncoded());
            String other = b.rotate("vcs-homecare");
            String token = a.currentKeyId("la-leeds", KeyPurpose.TOKEN);
            try (DomainKeyStore fresh = DomainKeyStore.open(file, PASSWORD)) {
                assertThat(fresh.keyIds("la-leeds", KeyPurpose.PSEUDONYM)).containsExactly(first, rotated);
                assertThat(fresh.keyIds("vcs-homecare", KeyPurpose.PSEUDONYM)).containsExactly(other);
                assertThat(fresh.keyIds("la-leeds", KeyPurpose.TOKEN)).containsExactly(token);
            }
            assertThat(b.hasKey("la-leeds", "k20000101t000000000")).as("a key no hub made").isFalse();
        }
    }
}
