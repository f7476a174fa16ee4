-- One row per message accepted at an inbound edge: a resend with the same id is acknowledged
-- without publishing again; the same id with different content is refused.
CREATE TABLE inbound_receipt (
    source_agency  VARCHAR(64) NOT NULL,
    message_id     VARCHAR(64) NOT NULL,
    payload_digest VARCHAR(64) NOT NULL,
    event_code     VARCHAR(40) NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_inbound_receipt PRIMARY KEY (source_agency, message_id)
);
