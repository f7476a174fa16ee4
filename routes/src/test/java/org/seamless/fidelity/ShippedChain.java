package org.seamless.fidelity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.PrivacyChain;
import org.seamless.privacy.consent.InMemoryConsentRegistry;
import org.seamless.privacy.decide.ConsentAwareDecisionEngine;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.decide.RoutingTable;
import org.seamless.privacy.decide.RoutingTableLoader;
import org.seamless.privacy.decide.SharingRuleSet;
import org.seamless.privacy.decide.SharingRulesLoader;
import org.seamless.privacy.identify.SubjectIdentifier;
import org.seamless.privacy.keys.DomainKeyStore;
import org.seamless.privacy.keys.Pseudonyms;
import org.seamless.privacy.record.DisclosureRecord;
import org.seamless.privacy.record.DisclosureRecorder;
import org.seamless.privacy.sensitivity.SensitivityFilter;
import org.seamless.privacy.sensitivity.SensitivityPolicy;
import org.seamless.privacy.transform.minimise.MinimisationProfiles;
import org.seamless.privacy.transform.minimise.Minimiser;
import org.seamless.privacy.transform.pseudonymise.PseudonymDomains;
import org.seamless.privacy.transform.pseudonymise.Pseudonymiser;

/**
 * The privacy chain the product ships (sharing rules, routing table and minimisation profiles from
 * {@code config/}), assembled in-process with an in-memory consent registry, a key store generated
 * for the run and a recorder that keeps every disclosure record: fast enough for thousands of
 * generated messages per test.
 */
final class ShippedChain implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    final SharingRuleSet rules;
    final RoutingTable routing = load("/config/routing.yml", RoutingTableLoader::load);
    final MinimisationProfiles profiles = load("/config/minimisation-profiles.yml", MinimisationProfiles::load);
    final InMemoryConsentRegistry consents = new InMemoryConsentRegistry();
    final List<DisclosureRecord> records = Collections.synchronizedList(new ArrayList<>());
    private final Path keyDir;
    private final DomainKeyStore keys;
    final Pseudonyms pseudonyms;
    final PrivacyChain chain;

    ShippedChain() {
        this(java.util.function.UnaryOperator.identity());
    }

    /**
     * The shipped chain with the shipped sharing rules edited as text by {@code rulesEdit}: a deployment's
     * own variation (for example a without-consent fallback), the rest as shipped.
     */
    ShippedChain(java.util.function.UnaryOperator<String> rulesEdit) {
        try (InputStream in = ShippedChain.class.getResourceAsStream("/config/sharing-rules.yml")) {
            String text = rulesEdit.apply(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            rules = SharingRulesLoader.load(new java.io.ByteArrayInputStream(
                    text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "/config/sharing-rules.yml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            keyDir = Files.createTempDirectory("seamless-fidelity-keys-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keys = DomainKeyStore.create(keyDir.resolve("keys.p12"), org.seamless.testsupport.TestEnvironment
                .randomSecret().toCharArray());
        pseudonyms = new Pseudonyms(keys);
        SensitivityPolicy sensitivity = SensitivityPolicy.defaults();
        chain = new PrivacyChain(new SubjectIdentifier(), new ConsentAwareDecisionEngine(rules, consents, sensitivity,
                consentAuthority()),
                List.of(new SensitivityFilter(sensitivity), new Minimiser(profiles),
                        new Pseudonymiser(pseudonyms, PseudonymDomains.perAgency(), profiles)),
                new DisclosureRecorder() {
                    @Override
                    public void record(DisclosureRecord record) {
                        records.add(record);
                    }

                    @Override
                    public void released(DisclosureRecord record) {
                        // release entries are the broker side's concern; the decision record is what is checked here
                    }
                }, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Runs the chain for one leg of {@code message} from {@code source} to {@code recipient}. */
    PrivacyChain.LegResult leg(Bundle message, SeamlessEvent event, AgencyRef source, AgencyRef recipient) {
        String id = org.seamless.mappings.message.MessageBundles.messageId(message).orElseThrow();
        DecisionRequest request = new DecisionRequest(id, event, source, recipient, chain.identify(message), NOW);
        return chain.process(new PrivacyChain.Leg(request, message, 0));
    }

    /** The demo registry the product ships (config/agencies.yml), with made-up values for its placeholders. */
    static org.seamless.adapters.registry.AgencyRegistry demoRegistry() {
        org.springframework.mock.env.MockEnvironment env = new org.springframework.mock.env.MockEnvironment()
                .withProperty("server.port", "8080").withProperty("seamless.data-dir", "/srv/seamless")
                .withProperty("seamless.demo.demo-charity.webhook-secret", "generated-at-first-start")
                .withProperty("seamless.demo.demo-carers-centre.webhook-secret", "generated-at-first-start")
                .withProperty("seamless.demo.demo-homecare.webhook-secret", "generated-at-first-start");
        try (InputStream in = ShippedChain.class.getResourceAsStream("/config/agencies.yml")) {
            return new org.seamless.adapters.registry.AgencyRegistryLoader(
                    org.seamless.adapters.spi.AdapterTypes.discover(), env::resolveRequiredPlaceholders)
                    .load(in, "config/agencies.yml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An agency the shipped consent authority policy lets record a consent or objection about sharing
     * with {@code recipient}: never the recipient itself (ADR 0032), so the demo council for the demo
     * trust and the demo trust for everyone else.
     */
    static String recorderFor(org.seamless.privacy.AgencyRef recipient) {
        return "demo-trust".equals(recipient.id()) ? "demo-la-csv" : "demo-trust";
    }

    /** The consent authority policy the product ships (config/consent-authority.yml) over the demo registry. */
    private static org.seamless.privacy.decide.ConsentAuthority consentAuthority() {
        org.seamless.adapters.registry.AgencyRegistry registry = demoRegistry();
        return load("/config/consent-authority.yml", (in, name) -> org.seamless.privacy.decide.ConsentAuthorityLoader
                .load(in, name, id -> registry.find(id).map(org.seamless.adapters.registry.AgencyConfig::kind)));
    }

    private interface Loader<T> {
        T load(InputStream in, String name);
    }

    private static <T> T load(String resource, Loader<T> loader) {
        try (InputStream in = ShippedChain.class.getResourceAsStream(resource)) {
            return loader.load(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        keys.close();
        try (var files = Files.walk(keyDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; nothing to keep
        }
    }
}
