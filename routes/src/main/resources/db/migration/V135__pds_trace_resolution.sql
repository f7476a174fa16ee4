-- A held row of the PDS work queue marked resolved by an operator (ADR 0085): when, by whom (the account name)
-- and the operator's note (e.g. "record corrected at source; resent in the next extract"). A resolved row leaves
-- the open queue but is kept (and counted in the match-rate report) until the retention purge removes it with the
-- rest of pds_trace. SQL kept to the subset H2 and PostgreSQL accept.
ALTER TABLE pds_trace ADD COLUMN resolved_at TIMESTAMP;
ALTER TABLE pds_trace ADD COLUMN resolved_by VARCHAR(128);
ALTER TABLE pds_trace ADD COLUMN resolution_note VARCHAR(500);
