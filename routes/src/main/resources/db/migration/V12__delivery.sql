-- Message tracking at the recipient end: what each sink did with each released leg.
CREATE TABLE delivery (
    message_id        VARCHAR(64)  NOT NULL,
    recipient_agency  VARCHAR(64)  NOT NULL,
    replay_generation INTEGER      NOT NULL,
    state             VARCHAR(20)  NOT NULL,
    detail            VARCHAR(1000),
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_delivery PRIMARY KEY (message_id, recipient_agency, replay_generation)
);
