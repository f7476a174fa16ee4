-- Who pulled which child's flags, when (for the owning LA's "last N accesses" query).
CREATE TABLE alert_access (
    id            VARCHAR(36)  PRIMARY KEY,
    accessed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    nhs_number    VARCHAR(10)  NOT NULL,
    owner_agency  VARCHAR(64)  NOT NULL,
    caller_agency VARCHAR(64)  NOT NULL,
    caller_ods    VARCHAR(20),
    setting       VARCHAR(64)  NOT NULL,
    setting_name  VARCHAR(120),
    silent        BOOLEAN      NOT NULL,
    notified      BOOLEAN      NOT NULL
);
CREATE INDEX ix_alert_access_child ON alert_access (owner_agency, nhs_number, accessed_at);
