-- The per-channel change log (issue 16): every change to a channel's messages takes the channel's
-- next position, so resume and catch-up can replay edits, deletes and reactions, not only new
-- messages. A message's creation keeps its position in messages.pos (one statement per send, as
-- before); the later changes are rows of channel_changes.

ALTER TABLE channels ADD COLUMN last_pos BIGINT NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN pos BIGINT;

-- Before the log, only creations were positioned: a message's position is its seq.
UPDATE messages SET pos = seq;
UPDATE channels SET last_pos = last_seq;
ALTER TABLE messages ALTER COLUMN pos SET NOT NULL;

CREATE TABLE channel_changes (
    channel_id BIGINT      NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    pos        BIGINT      NOT NULL,
    kind       VARCHAR(8)  NOT NULL CHECK (kind IN ('EDITED', 'DELETED', 'REACTED')),
    message_id BIGINT      NOT NULL,
    actor_id   BIGINT      NOT NULL,
    content    TEXT,
    emoji      VARCHAR(64),
    added      BOOLEAN,
    count      INT,
    at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (channel_id, pos)
);
CREATE INDEX channel_changes_by_time ON channel_changes USING brin (at);

-- The repair after a fan-out outage asks which channels changed since a moment: a BRIN index is
-- tiny and costs next to nothing on the send path, as messages arrive in time order.
CREATE INDEX messages_by_time ON messages USING brin (created_at);
