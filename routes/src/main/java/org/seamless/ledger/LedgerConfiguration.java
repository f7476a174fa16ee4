package org.seamless.ledger;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Base64;
import javax.sql.DataSource;
import org.seamless.hub.PrivacyProperties;
import org.seamless.privacy.ledger.ChainHasher;
import org.seamless.privacy.ledger.CheckpointKeys;
import org.seamless.privacy.ledger.CheckpointStore;
import org.seamless.privacy.ledger.DisclosureLedger;
import org.seamless.privacy.ledger.DisclosureReport;
import org.seamless.privacy.ledger.JdbcLedger;
import org.seamless.privacy.ledger.LedgerQueries;
import org.seamless.privacy.ledger.LedgerVerifier;
import org.seamless.privacy.record.DisclosureRecord;
import org.seamless.privacy.record.DisclosureRecorder;
import org.seamless.privacy.record.SubjectIndex;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The disclosure ledger's parts, shared by the running hub and the command-line tools: the chain
 * (audit key), queries, verifier, per-person report, and the checkpoint key and store (outside the DB).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LedgerProperties.class, PrivacyProperties.class})
public class LedgerConfiguration {

    @Bean
    SubjectIndex subjectIndex(PrivacyProperties props) {
        if (props.subjectIndexKey().isBlank()) {
            throw new IllegalStateException("seamless.keys.subject-index-key is not set (SEAMLESS_KEYS_SUBJECT_INDEX_KEY)");
        }
        return new SubjectIndex(Base64.getUrlDecoder().decode(props.subjectIndexKey()));
    }

    @Bean
    ChainHasher chainHasher(LedgerProperties props) {
        if (props.auditKey().isBlank()) {
            throw new IllegalStateException("seamless.keys.audit-key is not set (SEAMLESS_KEYS_AUDIT_KEY)");
        }
        return new ChainHasher(Base64.getUrlDecoder().decode(props.auditKey()));
    }

    @Bean
    LedgerQueries ledgerQueries(DataSource dataSource) {
        return new LedgerQueries(dataSource);
    }

    @Bean
    JdbcLedger jdbcLedger(DataSource dataSource, ChainHasher hasher) {
        return new JdbcLedger(dataSource, hasher);
    }

    @Bean
    DisclosureLedger disclosureLedger(JdbcLedger ledger, LedgerQueries queries, SubjectIndex index, Clock clock) {
        return new DisclosureLedger(ledger, queries, index, clock);
    }

    /** What the privacy chain records with: the ledger, or nothing at all in a benchmark's baseline run. */
    @Bean
    @Primary
    DisclosureRecorder chainRecorder(DisclosureLedger ledger, JdbcLedger chain, LedgerProperties props,
                                     org.springframework.beans.factory.ObjectProvider<org.seamless.ops.metrics.SeamlessMetrics>
                                             metrics) {
        if (!props.enabled()) {
            LoggerFactory.getLogger(LedgerConfiguration.class).warn(
                    "seamless.ledger.enabled=false: NO DISCLOSURE IS RECORDED. For benchmark baselines only.");
            return DISABLED;
        }
        chain.sealCarriedOverEntries(); // why: rows carried over from the pre-ledger disclosure table
        // why: the command-line tools (LedgerCommandApplication) have no metrics, and never record
        var meters = metrics.getIfAvailable();
        return meters == null ? ledger : new org.seamless.ops.metrics.MeteredDisclosureRecorder(ledger, meters);
    }

    private static final DisclosureRecorder DISABLED = new DisclosureRecorder() {
        @Override
        public void record(DisclosureRecord record) {
        }

        @Override
        public void released(DisclosureRecord record) {
        }
    };

    @Bean
    LedgerEvents ledgerEvents(JdbcLedger ledger, SubjectIndex index, Clock clock) {
        return new LedgerEvents(ledger, index, clock);
    }

    @Bean
    LedgerVerifier ledgerVerifier(LedgerQueries queries, ChainHasher hasher) {
        return new LedgerVerifier(queries, hasher);
    }

    @Bean
    DisclosureReport disclosureReport(LedgerQueries queries) {
        return new DisclosureReport(queries);
    }

    @Bean
    CheckpointStore checkpointStore(LedgerProperties props) {
        return new CheckpointStore(Path.of(props.checkpointDir()));
    }

    @Bean
    KeyPair checkpointKeys(LedgerProperties props) {
        return CheckpointKeys.loadOrCreate(Path.of(props.signingKey()));
    }
}
