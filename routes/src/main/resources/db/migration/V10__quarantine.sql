-- Rejected input, kept for inspection (edges and hub). Payloads are personal data at rest.
CREATE TABLE quarantine (
    id            VARCHAR(36)   PRIMARY KEY,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    source_agency VARCHAR(64),
    edge          VARCHAR(40)   NOT NULL,
    reason_code   VARCHAR(60)   NOT NULL,
    reason        VARCHAR(4000) NOT NULL,
    message_id    VARCHAR(64),
    content_type  VARCHAR(100),
    payload       BYTEA
);
CREATE INDEX ix_quarantine_received ON quarantine (received_at);
