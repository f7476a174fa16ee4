-- PDS tracing and verification (ADR 0079): what PDS answered for each record of an extract that arrived without
-- a verified NHS number, keyed by agency, the file's SHA-256 and the row's line, so a re-run after a crash asks
-- PDS nothing twice and acts on the same answer. Rows with a held outcome (NO_MATCH, MULTIPLE_MATCHES,
-- NOT_FOUND) are the work queue; the match-rate report counts outcomes by agency and file. No personal value
-- is kept but the number PDS gave (TRACED, or the replacement of a SUPERSEDED one), encrypted at rest
-- (ADR 0071, "enc1:..."). SQL kept to the subset H2 and PostgreSQL accept.
CREATE TABLE pds_trace (
    agency_id   VARCHAR(64)  NOT NULL,
    file_digest VARCHAR(64)  NOT NULL,
    line        BIGINT       NOT NULL,
    file_name   VARCHAR(255) NOT NULL,
    outcome     VARCHAR(20)  NOT NULL,
    nhs_number  VARCHAR(200),
    traced_at   TIMESTAMP    NOT NULL,
    PRIMARY KEY (agency_id, file_digest, line)
);
CREATE INDEX ix_pds_trace_outcome ON pds_trace (agency_id, outcome, traced_at);
