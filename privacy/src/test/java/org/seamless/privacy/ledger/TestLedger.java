package org.seamless.privacy.ledger;

import java.security.SecureRandom;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** A ledger on a fresh in-memory H2 database with every migration applied, chained under a random key. */
record TestLedger(JdbcDataSource ds, JdbcLedger ledger, LedgerQueries queries, LedgerVerifier verifier) {

    static TestLedger create(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        ChainHasher hasher = new ChainHasher(key);
        LedgerQueries queries = new LedgerQueries(ds);
        return new TestLedger(ds, new JdbcLedger(ds, hasher), queries, new LedgerVerifier(queries, hasher));
    }
}
