-- Identity events (ADR 0084): an NHS number change is a SUBJECT_LINK ledger entry whose subject_index is the
-- new number's keyed index and linked_subject the old number's. No entry is ever rewritten; subject queries
-- follow the links. NULL in every other entry, and the chain hash commits to the column only when it is set,
-- so the hashes of earlier entries stay valid. SQL kept to the subset H2 and PostgreSQL accept.
ALTER TABLE ledger_entry ADD COLUMN linked_subject VARCHAR(100);
CREATE INDEX ix_ledger_linked_subject ON ledger_entry (linked_subject);
