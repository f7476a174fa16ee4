-- The flag-pull token bucket of each agency (ADR 0039), shared by every hub instance (ADR 0054), so
-- the limit holds for the agency however many instances answer its pulls. One row per agency that
-- has pulled; updated under a row lock (SELECT ... FOR UPDATE).
CREATE TABLE flag_pull_bucket (
    agency_id VARCHAR(64) NOT NULL PRIMARY KEY,
    tokens    DOUBLE PRECISION NOT NULL,
    last_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
