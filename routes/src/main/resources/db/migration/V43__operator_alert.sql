-- Alerts for the operator (e.g. a full extract stopped by the maximum-change guard, a flag past its review date).
CREATE TABLE operator_alert (
    id         VARCHAR(36)   PRIMARY KEY,
    raised_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    agency_id  VARCHAR(64),
    code       VARCHAR(60)   NOT NULL,
    detail     VARCHAR(2000) NOT NULL
);
