package org.seamless.hub;

import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.privacy.PrivacyChain;
import org.seamless.privacy.decide.RuleTableDecisionEngine;
import org.seamless.privacy.decide.SharingRule;
import org.seamless.privacy.decide.SharingRuleSet;
import org.seamless.privacy.identify.SubjectIdentifier;
import org.seamless.privacy.record.JdbcDisclosureRecorder;
import org.seamless.privacy.record.SubjectIndex;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Assembles the privacy chain and the hub steps from configuration. */
@Configuration(proxyBeanMethods = false)
public class ChainConfiguration {

    @Bean
    SharingRuleSet sharingRules() {
        return new SharingRuleSet("bootstrap", List.of(new SharingRule("adw-discharge", SeamlessEvent.DISCHARGE_NOTICE,
                AgencyKind.NHS_TRUST, AgencyKind.LOCAL_AUTHORITY, Set.of(), "direct-care", "Care Act 2014 Sch. 3",
                false, SharingRule.Release.IDENTIFIABLE, "hospital-notice", true)));
    }

    @Bean
    PrivacyChain privacyChain(SharingRuleSet rules, DataSource dataSource, Clock clock,
                              @Value("${seamless.keys.subject-index-key}") String subjectIndexKey) {
        SubjectIndex index = new SubjectIndex(Base64.getUrlDecoder().decode(subjectIndexKey));
        return new PrivacyChain(new SubjectIdentifier(), new RuleTableDecisionEngine(rules), List.of(),
                new JdbcDisclosureRecorder(dataSource, index), clock);
    }

    @Bean
    RecipientResolver recipientResolver(AgencyRegistry registry, SharingRuleSet rules) {
        return new RecipientResolver(registry, rules);
    }

    @Bean
    HubIntake hubIntake(AgencyRegistry registry, RecipientResolver resolver, PrivacyChain chain, Clock clock) {
        return new HubIntake(registry, resolver, chain, clock);
    }

    @Bean
    ChainStep chainStep(PrivacyChain chain) {
        return new ChainStep(chain);
    }
}
