-- The operator console's dashboard (ADR 0051) counts, per agency, what arrived and what was decided in the
-- last hour and day, and finds each recipient's last delivery. Without these the counts scan whole tables,
-- which grow by every message: a time-ranged index scan keeps the dashboard fast on large tables.
CREATE INDEX ix_console_receipt_time ON inbound_receipt (received_at, source_agency);
CREATE INDEX ix_console_ledger_kind_time ON ledger_entry (entry_kind, occurred_at, recipient_agency, outcome);
CREATE INDEX ix_console_delivery_last ON delivery (recipient_agency, state, updated_at);
