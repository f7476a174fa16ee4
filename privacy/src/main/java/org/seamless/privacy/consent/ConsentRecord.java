package org.seamless.privacy.consent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.AgencyRef;

/**
 * One entry of the append-only consent registry: a consent or an objection by one person, for one
 * purpose, towards one recipient scope, over a period. Entries with the same {@link #entryKey()} are
 * successive states of the same thing; the latest recorded state wins. Instants are kept to
 * microseconds so that every store (memory, H2, PostgreSQL) holds the same value.
 * {@link #toString()} never prints the NHS number.
 *
 * @param reference  the id of the consent this entry belongs to (e.g. a FHIR Consent identifier);
 *                   one reference may cover several purposes and recipients
 * @param source     the recorder: the registered agency on whose authority the hub recorded this state,
 *                   always the authenticated sender of the consent-update (or the agency owning the inbox
 *                   a CSV came from), never a value from the body; the decision engine ignores records
 *                   whose recorder had no authority to make them (ADR 0032)
 * @param recordedAt when the registry learned this state; a decision at instant t sees only
 *                   entries recorded at or before t
 */
public record ConsentRecord(
        NhsNumber nhsNumber,
        Kind kind,
        Purpose purpose,
        RecipientScope recipient,
        Instant periodStart,
        Optional<Instant> periodEnd,
        Status status,
        String source,
        String reference,
        Instant recordedAt) {

    /** Consent (permit) or objection (deny). */
    public enum Kind { CONSENT, OBJECTION }

    /** Whether this state is in force; a withdrawal is a new entry with status WITHDRAWN. */
    public enum Status { ACTIVE, WITHDRAWN }

    /** What makes two entries states of the same thing. */
    public record EntryKey(String reference, Purpose purpose, RecipientScope recipient) {
    }

    public ConsentRecord {
        Objects.requireNonNull(nhsNumber, "nhsNumber");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(recipient, "recipient");
        periodStart = Objects.requireNonNull(periodStart, "periodStart").truncatedTo(ChronoUnit.MICROS);
        periodEnd = periodEnd == null ? Optional.empty() : periodEnd.map(e -> e.truncatedTo(ChronoUnit.MICROS));
        Objects.requireNonNull(status, "status");
        requireText(source, "source");
        requireText(reference, "reference");
        recordedAt = Objects.requireNonNull(recordedAt, "recordedAt").truncatedTo(ChronoUnit.MICROS);
        Instant start = periodStart;
        if (periodEnd.filter(end -> !end.isAfter(start)).isPresent()) {
            throw new IllegalArgumentException("consent period end must be after its start (reference " + reference + ")");
        }
    }

    /** The agency that recorded this state (stored as {@code consent_record.recorder}); same as {@link #source()}. */
    public String recorder() {
        return source;
    }

    public EntryKey entryKey() {
        return new EntryKey(reference, purpose, recipient);
    }

    /** Active, and the instant lies in [periodStart, periodEnd). */
    public boolean inForceAt(Instant at) {
        return status == Status.ACTIVE && !at.isBefore(periodStart) && periodEnd.map(at::isBefore).orElse(true);
    }

    public boolean appliesTo(Purpose p, AgencyRef r) {
        return purpose == p && recipient.matches(r);
    }

    /** The withdrawal of this entry: the same entry in state WITHDRAWN, as told by {@code by} at {@code at}. */
    public ConsentRecord withdrawn(Instant at, String by) {
        return new ConsentRecord(nhsNumber, kind, purpose, recipient, periodStart, periodEnd, Status.WITHDRAWN,
                by, reference, at);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    @Override
    public String toString() {
        return "ConsentRecord[" + kind + " " + status + " " + purpose.code() + " to " + recipient.type() + ":"
                + recipient.value() + " ref=" + reference + " by=" + source + " recordedAt=" + recordedAt + "]";
    }
}
