-- The reason a person gave for a change made in the operator console (replay, quarantine delete,
-- circuit opened or closed by hand). Required by the console for every change; null for reads and
-- for actions taken before the console existed. Free text typed by the operator: the console asks
-- for no personal data in it and never logs it.
ALTER TABLE operator_action ADD COLUMN reason VARCHAR(500);
