package org.seamless.hub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.app.config.SeamlessProperties;
import org.seamless.hub.residence.ResidenceRules;
import org.seamless.hub.residence.RoutingDecisionLog;
import org.seamless.hub.intake.AlertIntake;
import org.seamless.hub.intake.AnswerIntake;
import org.seamless.hub.intake.ConsentIntake;
import org.seamless.hub.intake.D2aIntake;
import org.seamless.hub.intake.NoticeIntake;
import org.seamless.hub.intake.RecipientLegs;
import org.seamless.hub.intake.ReferralIntake;
import org.seamless.ledger.HubAcknowledgements;
import org.seamless.ops.replay.InboundMessages;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.PrivacyChain;
import org.seamless.privacy.consent.ConsentRegistry;
import org.seamless.privacy.consent.JdbcConsentRegistry;
import org.seamless.privacy.decide.ConsentAuthority;
import org.seamless.privacy.decide.ConsentAuthorityLoader;
import org.seamless.privacy.decide.ConsentAwareDecisionEngine;
import org.seamless.privacy.decide.RoutingTable;
import org.seamless.privacy.decide.RoutingTableLoader;
import org.seamless.privacy.decide.SharingRuleSet;
import org.seamless.privacy.decide.SharingRulesLoader;
import org.seamless.privacy.decide.SharingRulesValidator;
import org.seamless.privacy.identify.SubjectIdentifier;
import org.seamless.privacy.keys.DomainKeyStore;
import org.seamless.privacy.keys.Pseudonyms;
import org.seamless.privacy.record.DisclosureRecorder;
import org.seamless.privacy.sensitivity.SensitivityFilter;
import org.seamless.privacy.sensitivity.SensitivityPolicy;
import org.seamless.privacy.transform.minimise.MinimisationProfiles;
import org.seamless.privacy.transform.minimise.Minimiser;
import org.seamless.privacy.transform.pseudonymise.PseudonymDomains;
import org.seamless.privacy.transform.pseudonymise.Pseudonymiser;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * Assembles the privacy chain from configuration: sharing rules and routing (validated against
 * the registry at start), the consent registry, sensitivity policy, minimisation profiles and the
 * pseudonym keystore. The transforms run in the order sensitivity, minimise, pseudonymise.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrivacyProperties.class)
public class ChainConfiguration {

    @Bean
    SharingRuleSet sharingRules(SeamlessProperties props, ResourceLoader resources) throws IOException {
        try (InputStream in = open(resources, props.sharingRules())) {
            return SharingRulesLoader.load(in, props.sharingRules());
        }
    }

    /** Who may record consents and objections; refuses to start on an unknown key, kind, purpose or agency. */
    @Bean
    ConsentAuthority consentAuthority(PrivacyProperties props, ResourceLoader resources, AgencyRegistry registry)
            throws IOException {
        try (InputStream in = open(resources, props.consentAuthority())) {
            return ConsentAuthorityLoader.load(in, props.consentAuthority(),
                    id -> registry.find(id).map(AgencyConfig::kind));
        }
    }

    @Bean
    RoutingTable routingTable(PrivacyProperties props, ResourceLoader resources) throws IOException {
        try (InputStream in = open(resources, props.routing())) {
            return RoutingTableLoader.load(in, props.routing());
        }
    }

    @Bean
    MinimisationProfiles minimisationProfiles(PrivacyProperties props, ResourceLoader resources) throws IOException {
        try (InputStream in = open(resources, props.minimisationProfiles())) {
            return MinimisationProfiles.load(in, props.minimisationProfiles());
        }
    }

    @Bean
    SensitivityPolicy sensitivityPolicy() {
        return SensitivityPolicy.defaults();
    }

    @Bean
    ConsentRegistry consentRegistry(DataSource dataSource, org.seamless.privacy.keys.FieldCipher cipher) {
        return new JdbcConsentRegistry(dataSource, cipher);
    }

    @Bean(destroyMethod = "close")
    DomainKeyStore domainKeyStore(PrivacyProperties props) throws IOException {
        if (props.keystorePassword().isBlank()) {
            throw new IllegalStateException("seamless.keys.keystore-password is not set (SEAMLESS_KEYS_KEYSTORE_PASSWORD)");
        }
        Path path = Path.of(props.keystore());
        char[] password = props.keystorePassword().toCharArray();
        org.seamless.mappings.canonical.PrivateFiles.directory(path.toAbsolutePath().getParent());
        return DomainKeyStore.openOrCreate(path, password);
    }

    @Bean
    PrivacyChain privacyChain(SharingRuleSet rules, RoutingTable routing, MinimisationProfiles profiles,
                              SensitivityPolicy sensitivity, ConsentRegistry consents, DomainKeyStore keys,
                              AgencyRegistry registry, DisclosureRecorder recorder, Clock clock,
                              ConsentAuthority authority,
                              org.seamless.privacy.notshared.NotSharedRegister notShared) {
        // why: refuse to start with a rule set that leaves a routed leg uncovered or releases unsafely
        new SharingRulesValidator(profiles.names(), sensitivity.categoryNames()).validate(rules, routing,
                registry.all().stream().map(ChainConfiguration::ref).toList());
        // why: recall legs are decided under the controller's duty to tell recipients (ADR 0069), the rest by the rules
        // and a recorded decision not to share an item withholds it before any rule is read (ADR 0082)
        return new PrivacyChain(new SubjectIdentifier(), new org.seamless.privacy.recall.RecallDecisionEngine(
                        new org.seamless.privacy.notshared.NotSharedDecisionEngine(
                                new ConsentAwareDecisionEngine(rules, consents, sensitivity, authority), notShared)),
                List.of(new SensitivityFilter(sensitivity), new Minimiser(profiles),
                        new Pseudonymiser(new Pseudonyms(keys), PseudonymDomains.perAgency(), profiles)),
                recorder, clock);
    }

    @Bean
    RecipientResolver recipientResolver(AgencyRegistry registry, RoutingTable routing, ResidenceRules residence,
                                        RoutingDecisionLog routingDecisions) {
        return new RecipientResolver(registry, routing, residence, routingDecisions);
    }

    @Bean
    ConsentUpdates consentUpdates(ConsentRegistry consents, AgencyRegistry registry, Clock clock) {
        return new ConsentUpdates(consents, registry, clock);
    }

    @Bean
    HubIntake hubIntake(AgencyRegistry registry, RecipientResolver resolver, PrivacyChain chain, Clock clock,
                        ConsentUpdates consentUpdates, HubAcknowledgements acknowledgements,
                        InboundMessages inboundMessages, org.seamless.hub.answers.HubAnswers answers,
                        @org.springframework.beans.factory.annotation.Value("${seamless.vcs.home-from-hospital:}")
                        List<String> homeFromHospital, org.seamless.hub.alerts.HubAlertStore alertStore,
                        org.seamless.hub.consent.ConsentReceipts consentReceipts, D2aIntake d2aIntake,
                        HubRecalls recalls) {
        RecipientLegs legs = new RecipientLegs(resolver, chain, inboundMessages, clock);
        NoticeIntake notices = new NoticeIntake(legs,
                new HomeFromHospitalReferrals(registry, homeFromHospital, inboundMessages, clock));
        // why: one handler per event family; the intake only parses and dispatches (ADR 0068)
        return new HubIntake(registry, acknowledgements, List.of(notices, new AnswerIntake(legs, answers),
                new ConsentIntake(legs, consentUpdates, consentReceipts, recalls), new AlertIntake(legs, alertStore),
                new ReferralIntake(legs), d2aIntake), notices);
    }

    @Bean
    D2aIntake d2aIntake(AgencyRegistry registry, RecipientResolver resolver, PrivacyChain chain, Clock clock,
                        InboundMessages inboundMessages, org.springframework.jdbc.core.JdbcTemplate jdbc,
                        DomainKeyStore keys) {
        org.seamless.hub.d2a.D2aHub d2a = new org.seamless.hub.d2a.D2aHub(registry, resolver, inboundMessages,
                new org.seamless.hub.d2a.D2aLegs(jdbc), clock);
        // home care suspend and resume (ADR 0063): packages under the d2a-measure pseudonym, as the stay records
        org.seamless.hub.d2aclock.StayRefs refs = new org.seamless.hub.d2aclock.StayRefs(new Pseudonyms(keys));
        d2a.setHomeCare(new org.seamless.hub.d2a.HomeCareSuspensions(registry, new org.seamless.hub.d2a.JdbcHomeCarePackages(jdbc),
                new org.seamless.hub.d2a.HomeCareSuspensions.Refs() {
                    @Override
                    public String person(org.seamless.mappings.canonical.NhsNumber person) {
                        return refs.person(person);
                    }

                    @Override
                    public String stay(org.seamless.mappings.canonical.NhsNumber person, String trust, String spell) {
                        return refs.of(person, trust, spell);
                    }
                }, inboundMessages, clock));
        return new D2aIntake(new RecipientLegs(resolver, chain, inboundMessages, clock), d2a);
    }

    @Bean
    HubRecalls hubRecalls(org.seamless.privacy.ledger.LedgerQueries queries,
                          org.seamless.privacy.ledger.JdbcLedger ledger,
                          org.seamless.privacy.record.SubjectIndex subjectIndex, ConsentRegistry consents,
                          ConsentAuthority authority, AgencyRegistry registry, Clock clock) {
        return new HubRecalls(queries, ledger, subjectIndex, consents, authority, registry, clock);
    }

    @Bean
    ChainStep chainStep(PrivacyChain chain) {
        return new ChainStep(chain);
    }

    static AgencyRef ref(AgencyConfig a) {
        return new AgencyRef(a.id(), a.kind());
    }

    private static InputStream open(ResourceLoader resources, String location) throws IOException {
        var resource = resources.getResource(location);
        if (!resource.exists()) {
            throw new IllegalStateException("configuration file not found: " + location);
        }
        return resource.getInputStream();
    }
}
