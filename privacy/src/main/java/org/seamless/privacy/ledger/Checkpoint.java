package org.seamless.privacy.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A statement of the chain head at one time: the checkpoint's own sequence number, how many
 * entries the chain had and the hash of the last one. Signed with the checkpoint key.
 */
public record Checkpoint(long sequence, long entries, String headHash, Instant time) {

    /** The bytes the signature covers. */
    public byte[] signedText() {
        return ("seamless-ledger-checkpoint v1\nsequence=" + sequence + "\nentries=" + entries + "\nhead-hash="
                + headHash + "\ntime=" + time + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
