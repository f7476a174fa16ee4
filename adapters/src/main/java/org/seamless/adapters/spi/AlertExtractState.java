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

    /**
     * What to remember after a send. {@code known}: {@link #lookup} found the alert in this state before the
     * send (the store may then update it in place; false lets it insert without looking for an old row).
     */
    record Saved(SocialCareAlert alert, String digest, boolean active, boolean known) {
        /** Known unless said otherwise: the store replaces whatever row it holds. */
        public Saved(SocialCareAlert alert, String digest, boolean active) {
            this(alert, digest, active, true);
        }
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

    /**
     * How far an import of this agency's extract has got, for the runtime's metrics (counts only); called
     * after each chunk and at the end of each pass.
     */
    default void importProgress(String agencyId, ImportProgress.Snapshot progress) {
    }

    /** One extract was imported: its rows by result, for the runtime's metrics (counts only). */
    default void extractImported(String agencyId, long accepted, long rejected, long refusedByGate) {
    }
}
