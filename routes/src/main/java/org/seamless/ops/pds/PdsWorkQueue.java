package org.seamless.ops.pds;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.seamless.app.security.web.Callers;
import org.seamless.app.security.web.OperatorActions;
import org.seamless.app.security.web.Person;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Working the PDS work queue (ADR 0085): an operator marks a held row resolved with a note saying what was done
 * (e.g. "record corrected at source; resent in the next extract"). The row keeps its place in {@code pds_trace}
 * with when, by whom and the note, and leaves the open queue; each attempt is recorded in {@code operator_action}
 * (target: agency, file digest and line, never a value of the row; the note as the reason).
 */
@Service
public class PdsWorkQueue {
    static final String ACTION = "pds-resolve";
    private final JdbcTemplate jdbc;
    private final OperatorActions actions;
    private final Clock clock;

    public PdsWorkQueue(JdbcTemplate jdbc, OperatorActions actions, Clock clock) {
        this.jdbc = jdbc;
        this.actions = actions;
        this.clock = clock;
    }

    /** Why a resolution was refused; the message is shown to the person (no value of the row in it). */
    public static class Refused extends RuntimeException {
        /** What kind of refusal. */
        public enum Kind { INVALID, NOT_HELD, ALREADY_RESOLVED }

        private final Kind kind;

        Refused(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    /** A resolution as recorded. */
    public record Resolved(String agencyId, String fileDigest, long line, Instant resolvedAt, String resolvedBy,
                           String note) {
    }

    /**
     * Marks the held row resolved by the current person; refused ({@link Refused}) without a note (or one longer
     * than {@link OperatorActions#MAX_REASON}), for a row that is not held, or one already resolved.
     */
    public Resolved resolve(String agencyId, String fileDigest, Long line, String rawNote) {
        String note = rawNote == null ? "" : rawNote.strip();
        if (agencyId == null || agencyId.isBlank() || fileDigest == null || fileDigest.isBlank() || line == null) {
            throw new Refused(Refused.Kind.INVALID, "Name the held row: agency, file digest and line");
        }
        if (note.isEmpty()) {
            throw new Refused(Refused.Kind.INVALID, "Enter a note saying how the record was resolved");
        }
        if (note.length() > OperatorActions.MAX_REASON) {
            throw new Refused(Refused.Kind.INVALID, "The note must be " + OperatorActions.MAX_REASON
                    + " characters or fewer");
        }
        Person person = Callers.requirePerson();
        String target = agencyId + "/" + fileDigest + "/" + line;
        Instant now = clock.instant();
        int updated = jdbc.update("UPDATE pds_trace SET resolved_at = ?, resolved_by = ?, resolution_note = ?"
                        + " WHERE agency_id = ? AND file_digest = ? AND line = ? AND outcome IN " + PdsReports.HELD
                        + " AND resolved_at IS NULL", Timestamp.from(now), person.name(), note, agencyId, fileDigest,
                line);
        if (updated == 1) {
            actions.record(ACTION, target, "resolved", note);
            return new Resolved(agencyId, fileDigest, line, now, person.name(), note);
        }
        List<Timestamp> held = jdbc.queryForList("SELECT resolved_at FROM pds_trace WHERE agency_id = ?"
                + " AND file_digest = ? AND line = ? AND outcome IN " + PdsReports.HELD, Timestamp.class, agencyId,
                fileDigest, line);
        if (held.isEmpty()) {
            actions.record(ACTION, target, "not-found", note);
            throw new Refused(Refused.Kind.NOT_HELD, "No row held by PDS tracing has this agency, file digest and line");
        }
        actions.record(ACTION, target, "already-resolved", note);
        throw new Refused(Refused.Kind.ALREADY_RESOLVED, "This held row was already resolved");
    }
}
