package org.seamless.ops.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.NoticeDetails;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.seamless.testsupport.SharedContext;

/**
 * Personal data at rest is owner-only: the data directory and every folder Seamless makes in it
 * are 700, and the broker journal, adapter state and a council's outbox files are 600, whatever
 * the process umask.
 */
@SharedContext
class FilesAtRestIT extends SeamlessTestBase {

    @Test
    void journalStateAndOutboxFilesAreOwnerOnly() throws Exception {
        // LS7 2AD: placed in the CSV council's district by the demo postcode directory
        NoticeDetails d = TestNotices.details(SeamlessEvent.DISCHARGE_NOTICE, 951);
        TestNotices.Notice notice = TestNotices.of(new NoticeDetails(d.messageId(), d.event(), d.sentAt(),
                d.nhsNumber(), d.givenName(), d.familyName(), d.birthDate(), d.gender(), d.addressLines(), "Leeds",
                "LS7 2AD", d.phone(), d.encounterId(), d.admittedAt(), d.plannedDischargeDate(), d.hospitalOdsCode(),
                d.ward(), d.contactName(), d.contactPhone()));
        assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", notice.json()).statusCode())
                .isEqualTo(200);
        Path outbox = ENV.outbox(TestEnvironment.LA_CSV);
        await().atMost(Duration.ofSeconds(60)).until(() -> list(outbox).stream()
                .anyMatch(p -> p.getFileName().toString().contains(notice.messageId())
                        && p.getFileName().toString().endsWith(".ok")));

        Path data = ENV.dataDir();
        assertThat(mode(data)).isEqualTo("rwx------");
        List<String> wider = new ArrayList<>();
        for (Path tree : List.of(data.resolve("broker"), outbox, data.resolve("agencies").resolve(TestEnvironment.LA_CSV)
                .resolve("state"), data.resolve("keys"))) {
            if (!Files.exists(tree)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(tree)) {
                s.forEach(p -> {
                    String expected = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rwx------" : "rw-------";
                    String actual = mode(p);
                    if (!expected.equals(actual)) {
                        wider.add(data.relativize(p) + " " + actual);
                    }
                });
            }
        }
        assertThat(wider).as("files and folders readable beyond the owner").isEmpty();
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static String mode(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
