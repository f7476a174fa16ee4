-- The console's message search (ADR 0053): newest first by keyset over inbound_receipt, by time alone,
-- by sender and event, by event, or by message id alone (the primary key leads with the source).
-- Each index ends with the sort key (received_at, source_agency, message_id) so a page is a range scan.
-- State filters and leg states probe ledger_entry by message id through uq_ledger_entry.
CREATE INDEX ix_inbound_receipt_time ON inbound_receipt (received_at, source_agency, message_id);
CREATE INDEX ix_inbound_receipt_source_event ON inbound_receipt (source_agency, event_code, received_at, message_id);
CREATE INDEX ix_inbound_receipt_event ON inbound_receipt (event_code, received_at, source_agency, message_id);
CREATE INDEX ix_inbound_receipt_message ON inbound_receipt (message_id);
