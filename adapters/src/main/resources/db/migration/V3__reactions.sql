-- Reactions: each user reacts at most once per message and emoji. The primary key leads with
-- message_id, so reading the reactions of a page of messages walks it.

CREATE TABLE reactions (
    message_id BIGINT      NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    emoji      VARCHAR(32) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (message_id, emoji, user_id)
);
