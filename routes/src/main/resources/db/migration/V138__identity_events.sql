-- Identity events from the Multicast Notification Service (ADR 0084).
-- identity_event: one row per event id, written (and committed) before the subscriber answers 2xx, so an
-- accepted event is never lost and a repeat is recognised. The event body is kept encrypted (it holds NHS
-- numbers): "enc1:<key id>:<letters>" under the at-rest domain (ADR 0071). state RECEIVED until its effects
-- are applied, then DONE with outcome a count-only summary (no personal data).
CREATE TABLE identity_event (
    event_id     VARCHAR(64)   PRIMARY KEY,
    event_type   VARCHAR(60)   NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    state        VARCHAR(12)   NOT NULL,
    outcome      VARCHAR(400),
    done_at      TIMESTAMP WITH TIME ZONE,
    body         VARCHAR(20000) NOT NULL
);
CREATE INDEX ix_identity_event_received ON identity_event (received_at);

-- The stay records learn whose stay they are, as a keyed person reference (the same digest of the person's
-- pseudonym as d2a_home_care_package.person_ref; nothing identifying), so a death or an address change can
-- find the person's pending stays. NULL for stays last updated before this migration. cancel_reason says why
-- the hub (not the trust) cancelled a stay: "death" (ADR 0084); NULL for a trust's own cancellation.
ALTER TABLE d2a_stay_clock ADD COLUMN person_ref VARCHAR(64);
ALTER TABLE d2a_stay_clock ADD COLUMN cancel_reason VARCHAR(40);
CREATE INDEX ix_d2a_stay_clock_person ON d2a_stay_clock (person_ref);
