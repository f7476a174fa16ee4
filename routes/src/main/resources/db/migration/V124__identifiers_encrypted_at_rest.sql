-- Encryption at rest (ADR 0071). Every column of the hub's own tables that holds an NHS number, another direct
-- identifier, or a body that may hold them is stored encrypted (AES-SIV under the key store's "at-rest"
-- domain; text as "enc1:<key id>:<letters>", bytes as the same prefix then the ciphertext). A column that is
-- looked up by NHS number gets a keyed blind index (nhs_index, HMAC-SHA-256) instead of its index on the
-- number. Ciphertext is longer than the value, so the columns widen.
--   la_alert_state: nhs_number, team_name, team_phone        alert_flag: nhs_number (+ nhs_index), message
--   alert_access: nhs_number (+ nhs_index)                  notice_answer: reason
--   inbound_message: payload                                vcs_mailbox: body
-- (consent_record: V123; quarantine payloads have been encrypted under their own key since V60.)
-- Rows written before this migration hold clear values: the hub's at-rest pass (AtRestReencryption) encrypts
-- and indexes them at start, before it takes traffic. SQL kept to the subset H2 and PostgreSQL accept.
ALTER TABLE la_alert_state ALTER COLUMN nhs_number SET DATA TYPE VARCHAR(200);
ALTER TABLE la_alert_state ALTER COLUMN team_name SET DATA TYPE VARCHAR(1200);
ALTER TABLE la_alert_state ALTER COLUMN team_phone SET DATA TYPE VARCHAR(300);

DROP INDEX ix_alert_flag_nhs;
ALTER TABLE alert_flag ALTER COLUMN nhs_number SET DATA TYPE VARCHAR(200);
ALTER TABLE alert_flag ADD COLUMN nhs_index VARCHAR(64);
CREATE INDEX ix_alert_flag_nhs_index ON alert_flag (nhs_index);

DROP INDEX ix_alert_access_child;
ALTER TABLE alert_access ALTER COLUMN nhs_number SET DATA TYPE VARCHAR(200);
ALTER TABLE alert_access ADD COLUMN nhs_index VARCHAR(64);
CREATE INDEX ix_alert_access_child_index ON alert_access (owner_agency, nhs_index, accessed_at);

ALTER TABLE notice_answer ALTER COLUMN reason SET DATA TYPE VARCHAR(10000);
