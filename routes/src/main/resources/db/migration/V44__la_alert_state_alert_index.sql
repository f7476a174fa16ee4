-- Chunk lookups (alert_id IN (...)) of an LA's alert state: H2 does not use the (agency_id, alert_id)
-- primary key for an IN list on its second column and scans the agency's rows instead, which made an
-- import quadratic (benchmark, docs/flows/social-care-alerts.md). An index led by alert_id serves both.
CREATE INDEX ix_la_alert_state_alert ON la_alert_state (alert_id, agency_id);
