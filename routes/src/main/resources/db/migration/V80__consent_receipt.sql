-- The receipt of a consent submission (ADR 0040): the consents API answers with the consent-update
-- message id as the receipt id, and the agency reads here whether the hub applied it to the consent
-- registry or refused it (with a reason code and a detail that never repeats personal data).
-- status: pending | applied | refused. Routing facts only: no NHS number, no consent content.
CREATE TABLE consent_receipt (
    receipt_id    VARCHAR(64)   NOT NULL PRIMARY KEY,
    source_agency VARCHAR(64)   NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    reason_code   VARCHAR(64),
    reason        VARCHAR(1000),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
