-- The last failure of each message at a sink, so that an operator looking at a dead letter sees
-- why it was parked. Reasons are exception types and fixed texts, never message values.
CREATE TABLE delivery_failure (
    message_id        VARCHAR(64)   NOT NULL,
    agency_id         VARCHAR(64)   NOT NULL,
    attempts          INTEGER       NOT NULL,
    last_reason       VARCHAR(1000) NOT NULL,
    last_failed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_delivery_failure PRIMARY KEY (message_id, agency_id)
);
