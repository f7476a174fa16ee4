-- Messages a sink handed to a transport that confirms later (MESH, ADR 0077): accepted into the
-- sender's outbox now, collected by the recipient or reported undeliverable (non-delivery report,
-- 5-day expiry) later. A row is the link from the transport's id (the MESH message id) back to the
-- released leg; it is deleted when the leg reaches its final state. Routing facts only, no content.
CREATE TABLE pending_transfer (
    agency_id         VARCHAR(64)  NOT NULL,
    transfer_id       VARCHAR(100) NOT NULL,
    source_agency     VARCHAR(64)  NOT NULL,
    message_id        VARCHAR(64)  NOT NULL,
    replay_generation INTEGER      NOT NULL,
    sent_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_pending_transfer PRIMARY KEY (agency_id, transfer_id)
);
CREATE INDEX ix_pending_transfer_sent ON pending_transfer (agency_id, sent_at);
