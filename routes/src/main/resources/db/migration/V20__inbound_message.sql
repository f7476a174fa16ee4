-- The canonical message as the hub received it, kept so an operator can replay it (a replay runs the
-- privacy chain again with today's consent under a higher replay generation). Personal data at rest.
CREATE TABLE inbound_message (
    source_agency VARCHAR(64) NOT NULL,
    message_id    VARCHAR(64) NOT NULL,
    event_code    VARCHAR(40) NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    payload       BYTEA       NOT NULL,
    CONSTRAINT pk_inbound_message PRIMARY KEY (source_agency, message_id)
);
