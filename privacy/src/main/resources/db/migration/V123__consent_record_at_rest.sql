-- Encryption at rest (ADR 0071): consent_record.nhs_number holds the NHS number encrypted (AES-SIV under the
-- key store's "at-rest" domain, "enc1:<key id>:<letters>"), and nhs_index a keyed blind index (HMAC-SHA-256)
-- that finds a person's history without decrypting. Rows written before this migration hold the number in
-- clear and no index: the hub's at-rest pass (AtRestReencryption) encrypts and indexes them at start, before
-- it takes traffic, and again after every key rotation. SQL kept to the subset H2 and PostgreSQL accept.
DROP INDEX ix_consent_subject;
ALTER TABLE consent_record ALTER COLUMN nhs_number SET DATA TYPE VARCHAR(200);
ALTER TABLE consent_record ADD COLUMN nhs_index VARCHAR(64);
CREATE INDEX ix_consent_subject_index ON consent_record (nhs_index);
