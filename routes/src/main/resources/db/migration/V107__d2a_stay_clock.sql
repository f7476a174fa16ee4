-- One row per hospital stay seen in the discharge to assess events (ADR 0063): what the delay measure
-- and the operational clocks need, and nothing identifying. stay_ref is a keyed digest of the trust,
-- spell and the person's pseudonym; no NHS number, name or spell id is stored here.
CREATE TABLE d2a_stay_clock (
    stay_ref             VARCHAR(64)  NOT NULL,
    trust_agency         VARCHAR(64)  NOT NULL,
    council_agency       VARCHAR(64),
    pathway              VARCHAR(8)   NOT NULL,
    discharge_ready_date DATE,
    discharged_on        DATE,
    care_arranged        BOOLEAN      NOT NULL,
    cancelled            BOOLEAN      NOT NULL,
    last_message_id      VARCHAR(64)  NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    alerted_at           TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_d2a_stay_clock PRIMARY KEY (stay_ref)
);
CREATE INDEX ix_d2a_stay_clock_discharged ON d2a_stay_clock (discharged_on);
CREATE INDEX ix_d2a_stay_clock_ready ON d2a_stay_clock (discharge_ready_date);
