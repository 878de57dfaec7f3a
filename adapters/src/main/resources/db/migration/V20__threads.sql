-- Threads (issue 21): a thread is a channel of kind THREAD tied to the message it branches from,
-- in its parent's server (a server channel's thread) or in no server (a conversation's thread,
-- seen by the conversation's participants). Being a channel, it has its own seq, change log, read
-- state, mentions and pins. It goes with its parent channel (and with the message, should a
-- message ever be removed for good).
ALTER TABLE channels DROP CONSTRAINT channels_kind_check;
ALTER TABLE channels ADD CONSTRAINT channels_kind_check
    CHECK (kind IN ('TEXT', 'VOICE', 'DM', 'GROUP', 'THREAD'));
ALTER TABLE channels DROP CONSTRAINT channels_check;
ALTER TABLE channels ADD CONSTRAINT channels_check
    CHECK (kind = 'THREAD' OR (server_id IS NULL) = (kind IN ('DM', 'GROUP')));
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

-- A conversation's participants are its threads' participants: a change of them is announced for
-- the threads too, so that no node keeps an access answer about a thread that no longer holds.
CREATE OR REPLACE FUNCTION notify_access_change() RETURNS trigger AS $$
DECLARE
    r RECORD;
    thread_id BIGINT;
BEGIN
    IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
    IF TG_TABLE_NAME = 'channels' THEN
        PERFORM pg_notify('parley_access', 'c:' || r.id);
    ELSIF TG_TABLE_NAME = 'memberships' THEN
        PERFORM pg_notify('parley_access', 'm:' || r.server_id || ':' || r.user_id);
        IF TG_OP = 'UPDATE' AND OLD.user_id <> NEW.user_id THEN
            PERFORM pg_notify('parley_access', 'm:' || OLD.server_id || ':' || OLD.user_id);
        END IF;
    ELSIF TG_TABLE_NAME = 'channel_participants' THEN
        PERFORM pg_notify('parley_access', 'p:' || r.channel_id || ':' || r.user_id);
        FOR thread_id IN SELECT id FROM channels WHERE parent_id = r.channel_id LOOP
            PERFORM pg_notify('parley_access', 'p:' || thread_id || ':' || r.user_id);
        END LOOP;
        IF TG_OP = 'UPDATE' AND OLD.user_id <> NEW.user_id THEN
            PERFORM pg_notify('parley_access', 'p:' || OLD.channel_id || ':' || OLD.user_id);
        END IF;
    ELSIF TG_TABLE_NAME = 'users' THEN
        PERFORM pg_notify('parley_access', 'u:' || r.id);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
