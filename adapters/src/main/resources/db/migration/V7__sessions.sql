-- Login sessions with rotating refresh tokens, single-use socket tickets, external identities.

-- One row per login. Only the SHA-256 hash of the current refresh token is stored; refresh
-- tokens name their session, so an older token of the session shows up as a replay.
CREATE TABLE sessions (
    id            VARCHAR(36) PRIMARY KEY,
    user_id       BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    refresh_hash  CHAR(64)    NOT NULL UNIQUE,
    created_at    TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    revoked_at    TIMESTAMPTZ
);
CREATE INDEX sessions_by_user ON sessions (user_id) WHERE revoked_at IS NULL;

CREATE TABLE socket_tickets (
    hash       CHAR(64) PRIMARY KEY,
    user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    session_id VARCHAR(36),
    expires_at TIMESTAMPTZ NOT NULL
);

-- Accounts provisioned for the external issuer's users: one per (issuer, subject).
ALTER TABLE users ADD COLUMN external_issuer VARCHAR(255);
ALTER TABLE users ADD COLUMN external_subject VARCHAR(255);
CREATE UNIQUE INDEX users_by_external ON users (external_issuer, external_subject)
    WHERE external_issuer IS NOT NULL;
