-- Recorded decisions not to share (issue 20, ADR 0082): a council or trust decided that one item (a business
-- identifier, system|value) about a person is not shared with the named recipients (recipients NULL: with
-- anyone). The privacy chain reads item_key for every leg. Who decided and why are encrypted at rest
-- (ADR 0071); the ledger's NOT_SHARED entry carries the digest of the whole record. SQL that H2 and
-- PostgreSQL both accept.
CREATE TABLE not_shared_decision (
    id             VARCHAR(36)   NOT NULL,
    item_key       VARCHAR(300)  NOT NULL,
    recipients     VARCHAR(1000),
    recorded_by    VARCHAR(64)   NOT NULL,
    decided_by     VARCHAR(1200) NOT NULL,
    decider_role   VARCHAR(1200) NOT NULL,
    reason         VARCHAR(8000) NOT NULL,
    subject_index  VARCHAR(100)  NOT NULL,
    recorded_at    TIMESTAMP     NOT NULL,
    record_digest  VARCHAR(64)   NOT NULL,
    CONSTRAINT pk_not_shared_decision PRIMARY KEY (id)
);
CREATE INDEX ix_not_shared_item ON not_shared_decision (item_key);
CREATE INDEX ix_not_shared_subject ON not_shared_decision (subject_index);
