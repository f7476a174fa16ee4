-- Local authorities' answers (accepted / rejected) to Care Act notices, one row per answer message
-- the hub has taken in; the latest per (notice, answering agency) is the leg's answer. The reason is
-- the LA's free text, also sent to the trust: personal data at rest. See ADR 0012.
CREATE TABLE notice_answer (
    response_message_id  VARCHAR(64)   NOT NULL,
    notice_message_id    VARCHAR(64)   NOT NULL,
    notice_source_agency VARCHAR(64)   NOT NULL,
    answering_agency     VARCHAR(64)   NOT NULL,
    outcome              VARCHAR(20)   NOT NULL,
    reason               VARCHAR(1000),
    answered_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_notice_answer PRIMARY KEY (response_message_id)
);
CREATE INDEX ix_notice_answer_notice ON notice_answer (notice_message_id);
