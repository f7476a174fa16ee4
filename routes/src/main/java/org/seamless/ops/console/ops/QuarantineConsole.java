package org.seamless.ops.console.ops;

import java.util.List;
import java.util.Optional;
import org.seamless.app.security.web.OperatorActions;
import org.seamless.ops.tracking.Quarantine;
import org.springframework.stereotype.Service;

/**
 * The console's quarantine: the newest items (metadata only), one opened with its payload decrypted
 * (operators only; recorded as {@code quarantine-read}, as the operator API does), and an item deleted
 * with a required reason (recorded as {@code quarantine-delete}; the row is gone).
 */
@Service
public class QuarantineConsole {
    /** Items one page lists. */
    public static final int PAGE = 100;

    private final Quarantine quarantine;
    private final OperatorActions actions;

    public QuarantineConsole(Quarantine quarantine, OperatorActions actions) {
        this.quarantine = quarantine;
        this.actions = actions;
    }

    public List<Quarantine.Item> recent() {
        actions.record("quarantine-list", null, "listed");
        return quarantine.recent(PAGE);
    }

    public Optional<Quarantine.Item> open(String id) {
        Optional<Quarantine.Item> found = quarantine.read(id);
        actions.record("quarantine-read", id, found.isPresent() ? "read" : "not-found");
        return found;
    }

    /** Deletes the item; false when there was none. Refused ({@link Reason.Invalid}) without a reason. */
    public boolean delete(String id, String rawReason) {
        Reason reason = Reason.of(rawReason, "deleting the item");
        boolean deleted = id != null && quarantine.delete(id);
        actions.record("quarantine-delete", id, deleted ? "deleted" : "not-found", reason.text());
        return deleted;
    }
}
