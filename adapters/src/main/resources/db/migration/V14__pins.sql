-- Pinned messages (issue 21). A pin belongs to its message's channel; a deleted message's pin is
-- kept but neither listed nor counted (messages are deleted softly), and goes with the channel.
CREATE TABLE pins (
    message_id BIGINT      PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    channel_id BIGINT      NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    pinned_by  BIGINT      NOT NULL REFERENCES users (id),
    pinned_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX pins_by_channel ON pins (channel_id, pinned_at DESC);

-- Pins are replayed by resume and catch-up like edits and reactions: added says pinned or not.
ALTER TABLE channel_changes DROP CONSTRAINT channel_changes_kind_check;
ALTER TABLE channel_changes ADD CONSTRAINT channel_changes_kind_check
    CHECK (kind IN ('EDITED', 'DELETED', 'REACTED', 'PINNED'));
