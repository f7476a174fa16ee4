package org.seamless.privacy.property;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.LoggerFactory;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.privacy.PrivacyChain;
import org.seamless.privacy.decide.ConsentAwareDecisionEngine;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.decide.Outcome;
import org.seamless.privacy.identify.Subject;
import org.seamless.privacy.identify.SubjectIdentifier;
import org.seamless.privacy.keys.DomainKeyStore;
import org.seamless.privacy.keys.Pseudonyms;
import org.seamless.privacy.record.DisclosureRecord;
import org.seamless.privacy.sensitivity.SensitivityFilter;
import org.seamless.privacy.sensitivity.SensitivityPolicy;
import org.seamless.privacy.transform.TestMessages;
import org.seamless.privacy.transform.minimise.MinimisationProfiles;
import org.seamless.privacy.transform.minimise.Minimiser;
import org.seamless.privacy.transform.pseudonymise.PseudonymDomains;
import org.seamless.privacy.transform.pseudonymise.Pseudonymiser;

/**
 * The headline privacy guarantee: over 10,000 generated messages for every event, with random
 * people, sharing rules, consent states and profiles, run through the real privacy chain, no leg
 * that was pseudonymised or withheld lets any of the person's own identifiers out: not in the
 * released payload (JSON and XML), not in the broker headers, not in any log line.
 */
class LeakPropertyTest {
    static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");
    private static final FhirContext FHIR = FhirContexts.r4();

    private static Path dir;
    private static DomainKeyStore keys;
    private static Pseudonyms pseudonyms;
    private static MinimisationProfiles profiles;
    private static List<String> profileNames;
    private static ListAppender<ILoggingEvent> logs;
    private static final List<Appender<ILoggingEvent>> DETACHED = new ArrayList<>();
    private static Level rootLevel;
    private static final List<DisclosureRecord> RECORDS = new ArrayList<>();

    @BeforeContainer
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("seamless-leak");
        keys = DomainKeyStore.create(dir.resolve("keys.p12"), "leak-test-password".toCharArray());
        pseudonyms = new Pseudonyms(keys);
        profiles = MinimisationProfiles.load(TestMessages.SHIPPED_PROFILES);
        profileNames = List.copyOf(profiles.names());
        // capture every line at DEBUG and above, and everything Seamless itself logs (TRACE too);
        // the console appender is detached for the run so that the capture is the only output
        logs = new ListAppender<>();
        logs.start();
        Logger root = root();
        rootLevel = root.getLevel();
        root.iteratorForAppenders().forEachRemaining(DETACHED::add);
        DETACHED.forEach(root::detachAppender);
        root.setLevel(Level.DEBUG);
        ((Logger) LoggerFactory.getLogger("org.seamless")).setLevel(Level.TRACE);
        root.addAppender(logs);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @AfterContainer
    static void tearDown() throws IOException {
        Logger root = root();
        root.detachAppender(logs);
        DETACHED.forEach(root::addAppender);
        if (rootLevel != null) {
            root.setLevel(rootLevel);
        }
        ((Logger) LoggerFactory.getLogger("org.seamless")).setLevel(null);
        if (keys != null) {
            keys.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.randomValue(random -> Scenario.random(random, profileNames));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void nothingIdentifyingEscapesAPseudonymisedOrWithheldLeg(@ForAll("scenarios") Scenario scenario) {
        logs.list.clear();
        RECORDS.clear();
        PrivacyChain chain = new PrivacyChain(new SubjectIdentifier(), new ConsentAwareDecisionEngine(
                scenario.rules(), scenario.registry(), SensitivityPolicy.defaults(),
                org.seamless.privacy.decide.TestAuthorities.permissive()),
                List.of(new SensitivityFilter(SensitivityPolicy.defaults()), new Minimiser(profiles),
                        new Pseudonymiser(pseudonyms, PseudonymDomains.perAgency(), profiles)),
                new org.seamless.privacy.record.DisclosureRecorder() {
                    @Override
                    public void record(org.seamless.privacy.record.DisclosureRecord r) {
                        RECORDS.add(r);
                    }

                    @Override
                    public void released(org.seamless.privacy.record.DisclosureRecord r) {
                    }
                }, Clock.fixed(AT, ZoneOffset.UTC));
        Bundle message = scenario.message();
        Subject subject = chain.identify(message);
        SubjectData person = scenario.subject();

        boolean mustNotLeak = false;
        for (var recipient : scenario.recipients()) {
            DecisionRequest request = new DecisionRequest(scenario.messageId(), scenario.event(), scenario.source(),
                    recipient, subject, AT);
            PrivacyChain.LegResult result = chain.process(new PrivacyChain.Leg(request, message, 0));
            Outcome outcome = result.decision().outcome();
            Statistics.label("outcome").collect(outcome);
            if (outcome == Outcome.RELEASE_IDENTIFIABLE) {
                continue;
            }
            mustNotLeak = true;
            assertThat(person.foundIn(result.headers().values().toString())).as("headers").isEmpty();
            if (outcome == Outcome.WITHHOLD) {
                assertThat(result.released()).isEmpty();
                continue;
            }
            Bundle released = result.released().orElseThrow();
            assertThat(person.foundIn(FHIR.newJsonParser().encodeResourceToString(released)))
                    .as("JSON payload to %s", recipient.id()).isEmpty();
            assertThat(person.foundIn(FHIR.newXmlParser().encodeResourceToString(released)))
                    .as("XML payload to %s", recipient.id()).isEmpty();
            assertPseudonym(released, recipient.id(), person);
        }
        Statistics.label("outcome").coverage(c -> {
            c.check(Outcome.RELEASE_PSEUDONYMISED).count(n -> n >= 1000);
            c.check(Outcome.WITHHOLD).count(n -> n >= 1000);
            c.check(Outcome.RELEASE_IDENTIFIABLE).count(n -> n >= 1000);
        });
        if (mustNotLeak) {
            for (ILoggingEvent event : List.copyOf(logs.list)) {
                String line = event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
                assertThat(person.foundIn(line)).as("log line from %s", event.getLoggerName()).isEmpty();
            }
        }
    }

    /** The released Patient carries this domain's pseudonym, or for a withheld number none at all. */
    private static void assertPseudonym(Bundle released, String domain, SubjectData person) {
        Optional<Patient> patient = TestMessages.resources(released, Patient.class).stream().findFirst();
        if (patient.isEmpty()) {
            return;
        }
        List<Identifier> ids = patient.get().getIdentifier();
        if (person.withheld().isPresent()) {
            assertThat(ids).noneMatch(Identifier::hasValue);
        } else {
            assertThat(ids).singleElement().satisfies(id ->
                    assertThat(pseudonyms.isPseudonymOf(domain, id.getValue(), person.nhs())).isTrue());
        }
    }

    @Property(tries = 1)
    void theGeneratorReallyPlantsIdentifiers() {
        // a guard for the guard: unminimised, unpseudonymised messages do hold the identifiers
        var random = new java.util.Random(42);
        int found = 0;
        for (int i = 0; i < 200; i++) {
            Scenario s = Scenario.random(random, profileNames);
            Bundle m = s.message();
            m.getEntry().removeIf(e -> e.getResource() instanceof Patient);
            if (s.subject().foundIn(FHIR.newJsonParser().encodeResourceToString(m)).isPresent()) {
                found++;
            }
        }
        assertThat(found).as("messages holding identifiers outside the Patient").isGreaterThan(150);
    }
}
