package org.seamless.ledger.subjectaccess;

import java.time.Clock;
import org.seamless.privacy.consent.ConsentRegistry;
import org.seamless.privacy.keys.FieldCipher;
import org.seamless.privacy.ledger.JdbcLedger;
import org.seamless.privacy.ledger.LedgerQueries;
import org.seamless.privacy.record.SubjectIndex;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The subject access export's reader and recorder (ADR 0070). */
@Configuration(proxyBeanMethods = false)
public class SubjectAccessConfiguration {

    @Bean
    SubjectAccessCollector subjectAccessCollector(ConsentRegistry consents, LedgerQueries ledger, SubjectIndex index,
                                                  JdbcTemplate jdbc, Clock clock, FieldCipher cipher) {
        return new SubjectAccessCollector(consents, ledger, index, jdbc, clock, cipher);
    }

    @Bean
    SubjectAccessRecorder subjectAccessRecorder(JdbcLedger ledger, SubjectIndex index) {
        return new SubjectAccessRecorder(ledger, index);
    }
}
