-- A ledger entry is one step of one message from one source to one recipient: message ids are unique per
-- source agency only (ADR 0036), so two senders' messages with the same id are two entries, not a repeat.
-- The chain's hashes do not cover constraints, so existing entries and checkpoints stay valid.
ALTER TABLE ledger_entry DROP CONSTRAINT uq_ledger_entry;
ALTER TABLE ledger_entry ADD CONSTRAINT uq_ledger_entry UNIQUE (message_id, recipient_agency, replay_generation,
    entry_kind, source_agency);
