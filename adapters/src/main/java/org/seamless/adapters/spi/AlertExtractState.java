package org.seamless.adapters.spi;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.seamless.mappings.alert.SocialCareAlert;

/**
 * An LA adapter's own memory of the alerts it has sent: per alert id, the digest of what was last sent
 * and whether it is active. Lets a delta or full extract send only what changed, and a full extract
 * end what is missing. Held in the adapter's own database (embedded: the application's).
 */
public interface AlertExtractState {

    /** What was last sent for an alert. */
    record Known(String digest, boolean active) {
    }

    /** What to remember after a send. */
    record Saved(SocialCareAlert alert, String digest, boolean active) {
    }

    Map<String, Known> lookup(String agencyId, Collection<String> alertIds);

    /** Marks alerts as present in the full extract {@code runId}. */
    void markSeen(String agencyId, String runId, Collection<String> alertIds);

    long countActive(String agencyId);

    long countActiveNotSeen(String agencyId, String runId);

    /** Streams the active alerts a full extract {@code runId} did not contain. */
    void forEachActiveNotSeen(String agencyId, String runId, Consumer<SocialCareAlert> each);

    /**
     * Remembers what was sent. {@code seenRun} is the full extract whose rows these are (null for a delta):
     * an alert a full extract starts is then seen by that run like the ones it already held, so the run
     * never ends what it has just started.
     */
    void save(String agencyId, String seenRun, List<Saved> rows);

    /** Raises an operator alert (no personal values in {@code detail}). */
    void operatorAlert(String agencyId, String code, String detail);

    /** One extract was imported: its rows by result, for the runtime's metrics (counts only). */
    default void extractImported(String agencyId, long accepted, long rejected, long refusedByGate) {
    }
}
