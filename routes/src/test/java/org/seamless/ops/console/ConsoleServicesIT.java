package org.seamless.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.seamless.hub.answers.NoticeAnswerLog;
import org.seamless.ops.console.ig.DisclosureLines;
import org.seamless.ops.console.ig.DisclosurePdf;
import org.seamless.ops.console.ig.IgConsole;
import org.seamless.ops.console.messages.MessageSearch;
import org.seamless.ops.console.messages.MessageTimeline;
import org.seamless.ops.console.messages.SearchCriteria;
import org.seamless.ops.console.messages.SearchCursor;
import org.seamless.ledger.SubjectReports;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.JdbcConsentRegistry;
import org.seamless.privacy.consent.Purpose;
import org.seamless.privacy.consent.RecipientScope;
import org.seamless.privacy.identify.Subject;
import org.seamless.privacy.ledger.ChainHasher;
import org.seamless.privacy.ledger.DisclosureReport;
import org.seamless.privacy.ledger.EntryKind;
import org.seamless.privacy.ledger.JdbcLedger;
import org.seamless.privacy.ledger.LedgerEntry;
import org.seamless.privacy.ledger.LedgerQueries;
import org.seamless.privacy.record.SubjectIndex;
import org.seamless.app.security.web.OperatorActions;
import org.seamless.testsupport.TestDatabase;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;

/**
 * The console's services against the test database (PostgreSQL when reachable, else H2) with the real
 * migrations: the message search's filters and keyset pages, a message's timeline, and the IG report,
 * which must list exactly the ledger's rows for a generated person, record each search by the person
 * searching without the number, and never log the number.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleServicesIT {
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    @TempDir
    static Path dir;
    static TestDatabase db;
    static JdbcTemplate jdbc;
    static JdbcLedger ledger;
    static SubjectIndex index;
    static IgConsole ig;
    static MessageSearch search;
    static MessageTimeline timeline;

    /** One at-rest key store for every store in the test (ADR 0071): what one writes another reads. */
    static final org.seamless.privacy.keys.FieldCipher CIPHER = org.seamless.testsupport.TestAtRest.cipher();

    @BeforeAll
    static void database() {
        db = TestDatabase.create(dir);
        DriverManagerDataSource ds = new DriverManagerDataSource(db.url(), db.user(), db.password());
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(ds);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        index = new SubjectIndex(key);
        byte[] audit = new byte[32];
        new SecureRandom().nextBytes(audit);
        ledger = new JdbcLedger(ds, new ChainHasher(audit));
        Clock clock = Clock.fixed(T0.plusSeconds(86400), ZoneOffset.UTC);
        ig = new IgConsole(new SubjectReports(new DisclosureReport(new LedgerQueries(ds)), index),
                new JdbcConsentRegistry(ds, CIPHER), new OperatorActions(jdbc, clock),
                new StaticListableBeanFactory().getBeanProvider(org.seamless.ledger.LedgerVerificationJob.class), clock);
        search = new MessageSearch(jdbc);
        timeline = new MessageTimeline(jdbc, new NoticeAnswerLog(jdbc, CIPHER));
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @AfterEach
    void clearPerson() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theReportListsExactlyTheLedgersRowsForThePersonAndRecordsTheSearchWithoutTheNumber(CapturedOutput output)
            throws Exception {
        List<NhsNumber> people = TestNhsNumbers.distinct(15_0053L, 2);
        NhsNumber person = people.get(0);
        String subject = index.indexOf(Subject.identified(person));
        String other = index.indexOf(Subject.identified(people.get(1)));
        Random random = new Random(53);
        for (int i = 0; i < 12; i++) {
            String s = i % 3 == 0 ? other : subject;
            leg("ig-" + i, "la-" + random.nextInt(3), s, i % 4 == 1 ? "WITHHOLD" : i % 4 == 2 ? "RELEASE_PSEUDONYMISED"
                    : "RELEASE_IDENTIFIABLE", i % 5 != 0, T0.plusSeconds(60L * i));
        }
        signIn("iglead", "IG_LEAD");

        IgConsole.Report report = ig.disclosures(" " + person.formatted() + " ", IgConsole.REPORT_ACTION).orElseThrow();

        List<Map<String, Object>> expected = jdbc.queryForList("SELECT seq, recipient_agency, outcome, legal_basis,"
                + " purpose, message_id FROM ledger_entry WHERE subject_index = ? AND (entry_kind = 'RELEASE'"
                + " OR (entry_kind = 'DECISION' AND outcome = 'WITHHOLD')) ORDER BY occurred_at, seq", subject);
        assertThat(expected).hasSize(8);
        assertThat(report.lines()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            DisclosureLines.Line line = report.lines().get(i);
            Map<String, Object> row = expected.get(i);
            assertThat(line.ledgerSeq()).isEqualTo(((Number) row.get("seq")).longValue());
            assertThat(line.recipient()).isEqualTo(row.get("recipient_agency"));
            assertThat(line.messageId()).isEqualTo(row.get("message_id"));
            assertThat(line.legalBasis()).isEqualTo(row.get("legal_basis"));
            assertThat(line.purpose()).isEqualTo(row.get("purpose"));
            assertThat(line.decision()).isEqualTo(switch ((String) row.get("outcome")) {
                case "WITHHOLD" -> "withheld";
                case "RELEASE_PSEUDONYMISED" -> "pseudonymised";
                default -> "released";
            });
        }
        assertThat(report.lines()).extracting(DisclosureLines.Line::acknowledgement)
                .contains("delivered", "not yet acknowledged", "not sent");

        List<Map<String, Object>> actions = jdbc.queryForList("SELECT person, person_role, action, target, outcome"
                + " FROM operator_action WHERE action = ?", IgConsole.REPORT_ACTION);
        assertThat(actions).hasSize(1);
        assertThat(actions.get(0)).containsEntry("person", "iglead").containsEntry("person_role", "IG_LEAD")
                .containsEntry("outcome", "reported");
        assertThat(actions.get(0).get("target")).isNull();

        byte[] pdf = new DisclosurePdf().render(person.formatted(), "iglead", report);
        try (var doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            for (Map<String, Object> row : expected) {
                assertThat(text).contains((String) row.get("message_id")).contains((String) row.get("recipient_agency"));
            }
            assertThat(text).contains("Disclosure report").contains(person.formatted());
            for (String notTheirs : List.of("ig-0", "ig-3", "ig-6", "ig-9")) {
                assertThat(text).doesNotContain("Message " + notTheirs + ",");
            }
            assertThat(doc.getDocumentInformation().getTitle()).doesNotContain(person.value());
        }

        String bad = TestNhsNumbers.badCheckDigit(new Random(15));
        assertThat(ig.disclosures(bad, IgConsole.REPORT_ACTION)).isEmpty();
        assertThat(IgConsole.problem(bad)).hasValueSatisfying(p -> assertThat(p).contains("check digit")
                .doesNotContain(bad));
        assertThat(IgConsole.problem("12345")).hasValueSatisfying(p -> assertThat(p).contains("10 digits"));
        assertThat(IgConsole.problem("")).contains("Enter an NHS number.");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM operator_action WHERE action = ? AND outcome = 'bad-request'",
                Integer.class, IgConsole.REPORT_ACTION)).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT target FROM operator_action", String.class))
                .noneMatch(t -> t != null && (t.contains(person.value()) || t.contains(bad)));

        assertThat(output.getAll()).doesNotContain(person.value()).doesNotContain(person.formatted()).doesNotContain(bad);
    }

    @Test
    void theConsentHistoryListsEveryStateOfThePersonsRecordsOldestFirst() {
        NhsNumber person = TestNhsNumbers.distinct(15_0054L, 1).get(0);
        JdbcConsentRegistry registry = new JdbcConsentRegistry(new DriverManagerDataSource(db.url(), db.user(),
                db.password()), CIPHER);
        ConsentRecord given = new ConsentRecord(person, ConsentRecord.Kind.CONSENT, Purpose.REFERRAL,
                RecipientScope.agency("demo-charity"), T0, Optional.empty(), ConsentRecord.Status.ACTIVE, "demo-trust",
                "consent-53", T0);
        registry.record(given);
        registry.withdraw("consent-53", T0.plusSeconds(3600), "demo-trust");
        signIn("iglead", "IG_LEAD");

        List<ConsentRecord> history = ig.consentHistory(person.value()).orElseThrow();

        assertThat(history).extracting(ConsentRecord::status)
                .containsExactly(ConsentRecord.Status.ACTIVE, ConsentRecord.Status.WITHDRAWN);
        assertThat(history).allSatisfy(r -> assertThat(r.reference()).isEqualTo("consent-53"));
        assertThat(ig.consentHistory("not a number")).isEmpty();
        assertThat(jdbc.queryForList("SELECT outcome FROM operator_action WHERE action = ? ORDER BY id", String.class,
                IgConsole.CONSENT_ACTION)).containsExactly("reported", "bad-request");
    }

    @Test
    void theSearchFiltersPagesByKeysetNewestFirstAndTheTimelineTellsEachLegsStory() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = "srch-" + i;
            ids.add(id);
            String source = i % 2 == 0 ? "trust-a" : "trust-b";
            // two messages share a receipt time, so the keyset's tie-break is exercised
            Instant at = T0.plusSeconds(600L * (i / 2));
            jdbc.update("INSERT INTO inbound_receipt (source_agency, message_id, payload_digest, event_code, received_at)"
                    + " VALUES (?, ?, 'd', ?, ?)", source, id, i % 3 == 0 ? "discharge-notice" : "admission-notice",
                    Timestamp.from(at));
            if (i % 5 != 4) {
                leg(id, source, "la-" + (i % 2), "subject-x", i % 7 == 0 ? "WITHHOLD" : "RELEASE_IDENTIFIABLE",
                        i % 3 != 2, at.plusSeconds(1));
            }
        }

        List<String> seen = new ArrayList<>();
        Optional<SearchCursor> cursor = Optional.empty();
        SearchCriteria srch = new SearchCriteria(Optional.empty(), Optional.empty(), SearchCriteria.AgencyRole.SENDER,
                Optional.empty(), Optional.empty(), Optional.of(T0), Optional.of(T0.plusSeconds(86400)));
        int pages = 0;
        do {
            MessageSearch.Page page = search.search(srch, cursor.map(c -> SearchCursor.decode(c.encode()).orElseThrow()), 7);
            page.rows().forEach(r -> seen.add(r.messageId()));
            cursor = page.next();
            pages++;
        } while (cursor.isPresent());
        assertThat(pages).isEqualTo(5);
        assertThat(seen).hasSize(30).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        assertThat(seen.subList(0, 2)).containsExactlyInAnyOrder("srch-28", "srch-29");

        MessageSearch.Page byTrustA = search.search(new SearchCriteria(Optional.empty(), Optional.of("trust-a"),
                SearchCriteria.AgencyRole.SENDER, Optional.of("discharge-notice"), Optional.empty(), Optional.of(T0),
                Optional.empty()), Optional.empty(), 25);
        assertThat(byTrustA.rows()).extracting(MessageSearch.Row::messageId)
                .containsExactly("srch-24", "srch-18", "srch-12", "srch-6", "srch-0");
        MessageSearch.Page withheld = search.search(new SearchCriteria(Optional.empty(), Optional.empty(),
                SearchCriteria.AgencyRole.SENDER, Optional.empty(), Optional.of(SearchCriteria.State.WITHHELD),
                Optional.of(T0), Optional.empty()), Optional.empty(), 25);
        assertThat(withheld.rows()).extracting(MessageSearch.Row::messageId)
                .containsExactly("srch-28", "srch-21", "srch-7", "srch-0");
        MessageSearch.Page pending = search.search(new SearchCriteria(Optional.empty(), Optional.of("la-1"),
                SearchCriteria.AgencyRole.RECIPIENT, Optional.empty(), Optional.of(SearchCriteria.State.RELEASED),
                Optional.of(T0), Optional.empty()), Optional.empty(), 25);
        assertThat(pending.rows()).extracting(MessageSearch.Row::messageId).containsExactly("srch-23", "srch-17",
                "srch-11", "srch-5");
        assertThat(pending.rows().get(0).legs()).extracting(l -> l.recipient() + "=" + l.state())
                .containsExactly("la-1=released");
        MessageSearch.Page undecided = search.search(new SearchCriteria(Optional.empty(), Optional.empty(),
                SearchCriteria.AgencyRole.SENDER, Optional.empty(), Optional.of(SearchCriteria.State.RECEIVED),
                Optional.of(T0), Optional.empty()), Optional.empty(), 25);
        assertThat(undecided.rows()).extracting(MessageSearch.Row::messageId)
                .containsExactly("srch-29", "srch-24", "srch-19", "srch-14", "srch-9", "srch-4");
        assertThat(search.search(new SearchCriteria(Optional.of("srch-13"), Optional.empty(),
                SearchCriteria.AgencyRole.SENDER, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.empty(), 25).rows()).extracting(MessageSearch.Row::source).containsExactly("trust-b");

        MessageTimeline.Timeline story = timeline.of("srch-3", "trust-b").orElseThrow();
        assertThat(story.common()).extracting(MessageTimeline.Step::name).containsExactly("received", "validated");
        assertThat(story.legs()).hasSize(1);
        MessageTimeline.Leg leg = story.legs().get(0);
        assertThat(leg.recipient()).isEqualTo("la-1");
        assertThat(leg.steps()).extracting(MessageTimeline.Step::name).containsExactly("decided", "released", "delivered");
        assertThat(leg.steps().get(0).facts()).containsEntry("rule", "care-act-notices")
                .containsEntry("legal basis", "Care Act 2014 Sch. 3").containsEntry("outcome", "RELEASE_IDENTIFIABLE");
        assertThat(leg.state()).isEqualTo("delivered");
        assertThat(timeline.of("srch-7", "trust-b").orElseThrow().legs().get(0).steps())
                .extracting(MessageTimeline.Step::name).containsExactly("decided", "withheld");
        assertThat(timeline.of("srch-3", "trust-a")).isEmpty();
    }

    private static void leg(String messageId, String recipient, String subject, String outcome, boolean acknowledged,
                            Instant at) {
        leg(messageId, "demo-trust", recipient, subject, outcome, acknowledged, at);
    }

    private static void leg(String messageId, String source, String recipient, String subject, String outcome,
                            boolean acknowledged, Instant at) {
        ledger.append(entry(EntryKind.DECISION, messageId, source, recipient, subject, outcome, at));
        if (!"WITHHOLD".equals(outcome)) {
            ledger.append(entry(EntryKind.RELEASE, messageId, source, recipient, subject, outcome, at.plusMillis(10)));
            if (acknowledged) {
                ledger.append(entry(EntryKind.ACKNOWLEDGEMENT, messageId, source, recipient, subject, "DELIVERED",
                        at.plusMillis(20)));
            }
        }
    }

    private static LedgerEntry entry(EntryKind kind, String messageId, String source, String recipient, String subject,
                                     String outcome, Instant at) {
        boolean decided = kind != EntryKind.ACKNOWLEDGEMENT;
        return new LedgerEntry(0, kind, messageId, recipient, 0, "discharge-notice", source, subject, outcome,
                decided ? "care-act-notices" : null, decided ? "direct-care" : null,
                decided ? "Care Act 2014 Sch. 3" : null, null, null, decided ? "demographics,encounter" : null, null,
                at, at, null);
    }

    private static void signIn(String name, String role) {
        var user = User.withUsername(name).password("n/a").authorities(new SimpleGrantedAuthority("ROLE_" + role)).build();
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }
}
