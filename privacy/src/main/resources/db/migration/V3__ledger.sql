-- The disclosure ledger: append-only and hash-chained. One entry per decision, release and
-- delivery acknowledgement; idempotent on (message id, recipient, replay generation, kind).
-- entry_hash = HMAC-SHA-256(audit key, previous entry_hash || canonical entry); computed by the
-- application (rows carried over from the old disclosure table are chained at first start).
CREATE TABLE ledger_entry (
    seq               BIGINT       PRIMARY KEY,
    entry_kind        VARCHAR(20)  NOT NULL,
    message_id        VARCHAR(64)  NOT NULL,
    recipient_agency  VARCHAR(64)  NOT NULL,
    replay_generation INTEGER      NOT NULL,
    event_code        VARCHAR(40),
    source_agency     VARCHAR(64),
    subject_index     VARCHAR(100) NOT NULL,
    outcome           VARCHAR(30)  NOT NULL,
    rule_id           VARCHAR(100),
    purpose           VARCHAR(60),
    legal_basis       VARCHAR(200),
    consent_ref       VARCHAR(200),
    override_reason   VARCHAR(400),
    data_classes      VARCHAR(400),
    payload_digest    VARCHAR(64),
    occurred_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    entry_hash        VARCHAR(64),
    CONSTRAINT uq_ledger_entry UNIQUE (message_id, recipient_agency, replay_generation, entry_kind)
);
CREATE INDEX ix_ledger_subject ON ledger_entry (subject_index);

-- The chain head: one row, locked (SELECT ... FOR UPDATE) by every append so appends are serial.
CREATE TABLE ledger_head (
    id        INTEGER     PRIMARY KEY,
    last_seq  BIGINT      NOT NULL,
    last_hash VARCHAR(64)
);

INSERT INTO ledger_entry (seq, entry_kind, message_id, recipient_agency, replay_generation, event_code,
    source_agency, subject_index, outcome, rule_id, purpose, legal_basis, consent_ref, override_reason,
    data_classes, payload_digest, occurred_at, recorded_at, entry_hash)
SELECT ROW_NUMBER() OVER (ORDER BY id), 'DECISION', message_id, recipient_agency, replay_generation, event_code,
    source_agency, subject_index, outcome, rule_id, purpose, legal_basis, consent_ref, override_reason,
    data_classes, payload_digest, decided_at, recorded_at, NULL
FROM disclosure;

INSERT INTO ledger_head (id, last_seq, last_hash) SELECT 1, COUNT(*), NULL FROM disclosure;

DROP TABLE disclosure;

-- Compatibility for readers of the old table: the decision entries, in its shape.
CREATE VIEW disclosure AS
SELECT seq AS id, message_id, recipient_agency, replay_generation, event_code, source_agency, subject_index,
       outcome, rule_id, purpose, legal_basis, consent_ref, override_reason, data_classes, payload_digest,
       occurred_at AS decided_at, recorded_at
FROM ledger_entry WHERE entry_kind = 'DECISION';
