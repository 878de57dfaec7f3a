-- Bot accounts (issue 21): a bot is a user marked bot, made by an admin of one server, a member
-- of it with a role like anyone. Its token is a session of its own (the session holds the token's
-- hash in refresh_hash), so revoking it is ending that session, as a logout ends one.
ALTER TABLE users ADD COLUMN bot BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE bots (
    user_id    BIGINT      PRIMARY KEY REFERENCES users (id),
    server_id  BIGINT      NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
    created_by BIGINT      NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    -- The session that stands for the current token; null once revoked.
    session_id VARCHAR(64)
);
CREATE INDEX bots_by_server ON bots (server_id);
