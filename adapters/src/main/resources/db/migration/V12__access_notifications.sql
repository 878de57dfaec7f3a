-- Issue 18: every node keeps the answers of its access checks (channel, membership or
-- participation, caller) in memory. Any committed change to a row those answers are made of is
-- announced on the parley_access channel, whoever made it (any node, a migration, psql), and
-- every node drops what it derived from that row. NOTIFY is delivered only on commit.
-- Payloads: c:<channel>, m:<server>:<user>, p:<channel>:<user>, u:<user>.

CREATE FUNCTION notify_access_change() RETURNS trigger AS $$
DECLARE
    r RECORD;
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
        IF TG_OP = 'UPDATE' AND OLD.user_id <> NEW.user_id THEN
            PERFORM pg_notify('parley_access', 'p:' || OLD.channel_id || ':' || OLD.user_id);
        END IF;
    ELSIF TG_TABLE_NAME = 'users' THEN
        PERFORM pg_notify('parley_access', 'u:' || r.id);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- A send moves only the channel's positions (last_seq, last_pos): that is no access change.
CREATE TRIGGER channels_access_changed AFTER UPDATE ON channels
    FOR EACH ROW
    WHEN ((to_jsonb(OLD) - 'last_seq' - 'last_pos') IS DISTINCT FROM
          (to_jsonb(NEW) - 'last_seq' - 'last_pos'))
    EXECUTE FUNCTION notify_access_change();
CREATE TRIGGER channels_access_gone AFTER DELETE ON channels
    FOR EACH ROW EXECUTE FUNCTION notify_access_change();
CREATE TRIGGER memberships_access_changed AFTER INSERT OR UPDATE OR DELETE ON memberships
    FOR EACH ROW EXECUTE FUNCTION notify_access_change();
CREATE TRIGGER participants_access_changed
    AFTER INSERT OR UPDATE OR DELETE ON channel_participants
    FOR EACH ROW EXECUTE FUNCTION notify_access_change();
CREATE TRIGGER users_access_changed AFTER UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION notify_access_change();
