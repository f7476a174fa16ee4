-- Quarantined payloads are encrypted (AES-256-GCM) under seamless.keys.quarantine-key; the column
-- names the key (a digest prefix, not the key). Rows written before this migration have none and
-- hold plain payloads until retention deletes them.
ALTER TABLE quarantine ADD COLUMN payload_key_id VARCHAR(16);
