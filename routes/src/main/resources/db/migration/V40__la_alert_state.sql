-- An LA adapter's memory of the alerts it sent (adapters/spi AlertExtractState). Personal data at rest.
CREATE TABLE la_alert_state (
    agency_id    VARCHAR(64)  NOT NULL,
    alert_id     VARCHAR(64)  NOT NULL,
    digest       VARCHAR(64)  NOT NULL,
    active       BOOLEAN      NOT NULL,
    seen_run     VARCHAR(36),
    nhs_number   VARCHAR(10)  NOT NULL,
    alert_type   VARCHAR(40)  NOT NULL,
    start_date   VARCHAR(10)  NOT NULL,
    end_date     VARCHAR(10),
    review_date  VARCHAR(10),
    team_name    VARCHAR(120),
    team_phone   VARCHAR(24),
    PRIMARY KEY (agency_id, alert_id)
);
CREATE INDEX ix_la_alert_state_active ON la_alert_state (agency_id, active);
