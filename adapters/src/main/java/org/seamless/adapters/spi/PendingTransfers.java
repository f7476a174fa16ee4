package org.seamless.adapters.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a sink whose transport confirms later (MESH: accepted now, collected or reported undeliverable
 * days after) keeps what it handed over and is still waiting to hear about, shared by every instance
 * running against the runtime's database. Keyed by (agency, transfer id): the transport's own id of
 * the handed-over message. Holds routing facts only, never content.
 */
public interface PendingTransfers {

    /** One message handed to a transport, waiting for its final state. */
    record Transfer(String agencyId, String transferId, String sourceAgency, String messageId, int replayGeneration,
                    Instant sentAt) {
    }

    /** Records a hand-over; recording the same (agency, transfer id) again is harmless. */
    void sent(Transfer transfer);

    /** The agency's transfers still waiting, oldest first, at most {@code limit}. */
    List<Transfer> pending(String agencyId, int limit);

    Optional<Transfer> find(String agencyId, String transferId);

    /** The transfer reached its final state (reported to the delivery journal): it is no longer pending. */
    void settled(String agencyId, String transferId);
}
