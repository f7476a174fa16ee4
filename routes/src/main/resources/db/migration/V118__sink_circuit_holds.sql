-- Circuits a person opened by hand (console), shared by every instance and kept across restarts: an agency
-- that asked for a pause gets none of its messages from any hub or adapter instance until a person closes
-- its circuit. One row per held circuit; closing deletes the row.
CREATE TABLE sink_circuit_hold (
    agency_id   VARCHAR(100) NOT NULL PRIMARY KEY,
    held_since  TIMESTAMP WITH TIME ZONE NOT NULL,
    instance_id VARCHAR(200)
);
