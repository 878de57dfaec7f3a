-- Threads (issue 21): a thread is a channel of kind THREAD in its parent channel's server, tied to
-- the message it branches from. Being a channel, it has its own seq, change log, read state,
-- mentions and pins, and the server's membership rule decides who sees it. It goes with its
-- parent channel (and with the message, should a message ever be removed for good).
ALTER TABLE channels DROP CONSTRAINT channels_kind_check;
ALTER TABLE channels ADD CONSTRAINT channels_kind_check
    CHECK (kind IN ('TEXT', 'VOICE', 'DM', 'GROUP', 'THREAD'));
ALTER TABLE channels ADD COLUMN parent_id BIGINT REFERENCES channels (id) ON DELETE CASCADE;
ALTER TABLE channels ADD COLUMN parent_message_id BIGINT REFERENCES messages (id) ON DELETE CASCADE;
ALTER TABLE channels ADD CONSTRAINT channels_thread_parent
    CHECK ((kind = 'THREAD') = (parent_id IS NOT NULL AND parent_message_id IS NOT NULL));
-- One thread per message; also how a history page finds its messages' threads.
CREATE UNIQUE INDEX channels_by_parent_message ON channels (parent_message_id)
    WHERE parent_message_id IS NOT NULL;
CREATE INDEX channels_threads_by_parent ON channels (parent_id) WHERE parent_id IS NOT NULL;

-- Who follows a thread. Starting a thread, writing its parent message and replying in it add a
-- row (following); an explicit unfollow keeps the row with following = false, so a later reply
-- does not follow the thread again behind the user's back.
CREATE TABLE thread_follows (
    thread_id  BIGINT      NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    following  BOOLEAN     NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (thread_id, user_id)
);
CREATE INDEX thread_follows_by_user ON thread_follows (user_id) WHERE following;
