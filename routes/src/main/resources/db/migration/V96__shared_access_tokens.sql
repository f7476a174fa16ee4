-- OAuth2 access tokens and used client-assertion ids in the database, so any hub instance accepts a
-- token another issued and an assertion id is used once across all of them (ADR 0054). Only the
-- token's SHA-256 is kept; the assertion key is the SHA-256 of "<issuer> <jti>". Expired rows are
-- deleted when tokens are issued.
CREATE TABLE access_token (
    token_sha256 CHAR(64)    NOT NULL PRIMARY KEY,
    agency_id    VARCHAR(64) NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    issued_by    VARCHAR(128) NOT NULL
);
CREATE INDEX access_token_expiry ON access_token (expires_at);

CREATE TABLE used_client_assertion (
    assertion_sha256 CHAR(64) NOT NULL PRIMARY KEY,
    keep_until       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX used_client_assertion_expiry ON used_client_assertion (keep_until);
