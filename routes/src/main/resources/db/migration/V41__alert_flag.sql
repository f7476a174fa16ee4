-- The hub's current social care flags, to answer clinical systems' pulls (one row per Flag business identifier).
CREATE TABLE alert_flag (
    flag_identifier VARCHAR(140) PRIMARY KEY,
    owner_agency    VARCHAR(64)  NOT NULL,
    nhs_number      VARCHAR(10)  NOT NULL,
    alert_type      VARCHAR(40)  NOT NULL,
    active          BOOLEAN      NOT NULL,
    end_date        VARCHAR(10),
    review_date     VARCHAR(10),
    message_id      VARCHAR(64)  NOT NULL,
    message         TEXT         NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expiry_alerted  VARCHAR(10)
);
CREATE INDEX ix_alert_flag_nhs ON alert_flag (nhs_number);
