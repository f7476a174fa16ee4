-- Consent authority (ADR 0032): a decision that rested on a consent or objection record names the
-- record's recorder beside its reference. NULL for decisions that used no record, and for entries
-- written before this migration. The chain hash commits to the column only when it is set, so the
-- hashes of earlier entries stay valid.
ALTER TABLE ledger_entry ADD COLUMN consent_recorder VARCHAR(64);
