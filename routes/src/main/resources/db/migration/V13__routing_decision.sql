-- Why each Care Act notice went to the local authority it went to (ADR 0010). Kept beside the
-- disclosure ledger rather than in it while the ledger's schema is being reworked.
CREATE TABLE routing_decision (
    message_id        VARCHAR(64)  NOT NULL,
    recipient_agency  VARCHAR(64)  NOT NULL,
    replay_generation INTEGER      NOT NULL,
    reason            VARCHAR(40)  NOT NULL,
    fallback          BOOLEAN      NOT NULL,
    decided_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_routing_decision PRIMARY KEY (message_id, recipient_agency, replay_generation)
);
