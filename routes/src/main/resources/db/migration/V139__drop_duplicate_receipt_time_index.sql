-- ix_console_receipt_time (received_at, source_agency), from V90, is a prefix of ix_inbound_receipt_time
-- (received_at, source_agency, message_id), from V93: every query the first serves, the second serves as
-- well. Each accepted message wrote both; one fewer index to maintain per receipt (issue 17, ADR 0093).
DROP INDEX ix_console_receipt_time;
