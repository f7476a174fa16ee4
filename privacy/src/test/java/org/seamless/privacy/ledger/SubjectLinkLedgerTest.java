package org.seamless.privacy.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * NHS number changes in the ledger (ADR 0084): a SUBJECT_LINK entry joins two subject indexes without rewriting
 * any entry; subject queries follow links in both directions and transitively; the chain commits to the link.
 */
class SubjectLinkLedgerTest {
    private static final Instant T = Instant.parse("2026-12-06T09:00:00Z");
    private JdbcDataSource ds;
    private JdbcLedger ledger;
    private LedgerQueries queries;
    private LedgerVerifier verifier;

    @BeforeEach
    void setUp() {
        TestLedger t = TestLedger.create("links");
        ds = t.ds();
        ledger = t.ledger();
        queries = t.queries();
        verifier = t.verifier();
    }

    @Test
    void anEntryWithoutALinkSerialisesAsBeforeTheColumnExisted() {
        LedgerEntry plain = decision("m1", "subject-a");
        LedgerEntry linked = link("e1", "subject-a", "subject-b");
        assertThat(new String(plain.canonical(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("linked-subject");
        assertThat(new String(linked.canonical(), java.nio.charset.StandardCharsets.UTF_8))
                .endsWith("|linked-subject|9:subject-a");
    }

    @Test
    void subjectQueriesFollowLinksBothWaysAndTransitivelyAndTheChainVerifies() {
        ledger.append(decision("m1", "a"));
        ledger.append(decision("m2", "b"));
        ledger.append(link("e1", "a", "b"));
        ledger.append(decision("m3", "b"));
        ledger.append(link("e2", "b", "c"));
        ledger.append(decision("m4", "c"));
        ledger.append(decision("m5", "unrelated"));
        for (String s : List.of("a", "b", "c")) {
            assertThat(queries.bySubject(s)).extracting(LedgerEntry::messageId)
                    .containsExactly("m1", "m2", "e1", "m3", "e2", "m4");
        }
        assertThat(queries.bySubject("unrelated")).extracting(LedgerEntry::messageId).containsExactly("m5");
        assertThat(queries.bySubject("a").get(0).subjectIndex()).as("entries keep the index they were made under")
                .isEqualTo("a");
        VerificationResult r = verifier.verify(List.of());
        assertThat(r.intact()).as(r.describe()).isTrue();
    }

    @Test
    void editingALinkBreaksTheChain() throws Exception {
        ledger.append(decision("m1", "a"));
        ledger.append(link("e1", "a", "b"));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE ledger_entry SET linked_subject = 'someone-else' WHERE seq = 2");
        }
        VerificationResult r = verifier.verify(List.of());
        assertThat(r.intact()).isFalse();
        assertThat(r.describe()).contains("2");
    }

    /** Random histories of number changes: a query for any number of a person finds exactly that person's entries. */
    @Test
    void randomHistoriesOfNumberChangesFindExactlyThePersonsEntries() {
        Random random = new Random(84);
        Map<String, String> personOf = new HashMap<>();
        Map<String, List<String>> numbersOf = new HashMap<>();
        Map<String, Set<String>> messagesOf = new HashMap<>();
        for (int p = 0; p < 12; p++) {
            String person = "p" + p;
            String first = person + "-n0";
            personOf.put(first, person);
            numbersOf.put(person, new ArrayList<>(List.of(first)));
            messagesOf.put(person, new HashSet<>());
        }
        for (int i = 0; i < 200; i++) {
            String person = "p" + random.nextInt(12);
            List<String> numbers = numbersOf.get(person);
            if (random.nextInt(8) == 0) {
                String next = person + "-n" + numbers.size();
                String from = numbers.get(random.nextInt(numbers.size()));
                String event = "e" + i;
                ledger.append(link(event, from, next));
                numbers.add(next);
                personOf.put(next, person);
                messagesOf.get(person).add(event);
            } else {
                String message = "m" + i;
                ledger.append(decision(message, numbers.get(random.nextInt(numbers.size()))));
                messagesOf.get(person).add(message);
            }
        }
        personOf.forEach((number, person) -> assertThat(queries.bySubject(number)).extracting(LedgerEntry::messageId)
                .as(number).containsExactlyInAnyOrderElementsOf(messagesOf.get(person)));
        assertThat(verifier.verify(List.of()).intact()).isTrue();
    }

    private static LedgerEntry decision(String messageId, String subject) {
        return new LedgerEntry(0, EntryKind.DECISION, messageId, "la-1", 0, "discharge-notice", "trust-1", subject,
                "RELEASE_IDENTIFIABLE", "rule-1", "direct-care", "basis", null, null, "Patient", null, T, T, null);
    }

    private static LedgerEntry link(String eventId, String from, String to) {
        return new LedgerEntry(0, EntryKind.SUBJECT_LINK, eventId, "seamless-hub", 0, "nhs-number-change-2",
                "seamless-hub", to, "LINKED", null, "identity", "basis", null, null, null, null, T, T, null, null, from);
    }
}
