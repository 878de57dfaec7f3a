-- Read state, mentions, invites, bans and timeouts.

-- How far each user has read each channel; unread = channels.last_seq - last_read_seq.
CREATE TABLE read_states (
    user_id       BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel_id    BIGINT      NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    last_read_seq BIGINT      NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, channel_id)
);

-- Who a message mentions; counted per channel above the user's read position.
CREATE TABLE mentions (
    message_id BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel_id BIGINT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    seq        BIGINT NOT NULL,
    PRIMARY KEY (message_id, user_id)
);
CREATE INDEX mentions_by_user_channel ON mentions (user_id, channel_id, seq);

CREATE TABLE invites (
    code       VARCHAR(32) PRIMARY KEY,
    server_id  BIGINT      NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
    created_by BIGINT      NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ,
    max_uses   INT,
    uses       INT         NOT NULL DEFAULT 0,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX invites_by_server ON invites (server_id);

CREATE TABLE bans (
    server_id  BIGINT      NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
    user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    banned_by  BIGINT REFERENCES users (id),
    reason     VARCHAR(500),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (server_id, user_id)
);

ALTER TABLE memberships ADD COLUMN timeout_until TIMESTAMPTZ;
