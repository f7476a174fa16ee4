package org.seamless.privacy.consent;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** The registry contract on H2 in memory, schema made by the Flyway migrations. */
class JdbcConsentRegistryH2Test extends ConsentRegistryContract {
    @Override
    ConsentRegistry newRegistry() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:consent-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return new JdbcConsentRegistry(ds, org.seamless.privacy.keys.TestFieldCiphers.create());
    }
}
