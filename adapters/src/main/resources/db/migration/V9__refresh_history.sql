-- Hashes of the refresh tokens each session has already exchanged. Only a token that really was
-- issued for the session counts as a replay and ends it; anything else is just refused.
CREATE TABLE session_refresh_history (
    session_id   VARCHAR(36) NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    refresh_hash CHAR(64)    NOT NULL,
    PRIMARY KEY (session_id, refresh_hash)
);
