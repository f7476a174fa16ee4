package org.seamless.ledger;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The disclosure ledger's settings.
 *
 * @param auditKey           base64url HMAC key the chain is hashed with (from the environment; demo mode generates it)
 * @param signingKey         PKCS#8 file of the Ed25519 checkpoint signing key, outside the database (created on first start)
 * @param checkpointDir      where signed checkpoints and the public key are shipped: mount another volume here
 * @param checkpointInterval how often a checkpoint of the chain head is signed and shipped
 * @param enabled            false only for the benchmark's baseline run: nothing is recorded
 */
@ConfigurationProperties("seamless.ledger")
public record LedgerProperties(
        @DefaultValue("") String auditKey,
        String signingKey,
        String checkpointDir,
        @DefaultValue("5m") Duration checkpointInterval,
        @DefaultValue("true") boolean enabled) {

    @Override
    public String toString() {
        return "LedgerProperties[signingKey=" + signingKey + ", checkpointDir=" + checkpointDir + ", interval="
                + checkpointInterval + ", enabled=" + enabled + "]";
    }
}
