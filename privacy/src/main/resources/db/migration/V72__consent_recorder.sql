-- Consent authority (ADR 0032): every consent record names its recorder, the registered agency on
-- whose authority it was recorded. Rows written before this migration were recorded by the agency
-- in their source column (the authenticated sender), so that agency is their recorder. The decision
-- engine checks each recorder's authority against the consent authority policy on every decision,
-- so rows recorded before the policy existed by an agency without authority are ignored, not trusted.
-- SQL kept to the subset that both H2 and PostgreSQL accept.
ALTER TABLE consent_record ADD COLUMN recorder VARCHAR(64);
UPDATE consent_record SET recorder = source;
ALTER TABLE consent_record ALTER COLUMN recorder SET NOT NULL;
CREATE INDEX ix_consent_recorder ON consent_record (recorder);
