-- Issue 18: every node keeps the standing of the sessions it checked (owner, expiry, not revoked)
-- in memory, so a request's session check costs no round trip. A revocation, a changed expiry or
-- a deleted session (also by cascade when its user goes) is announced on parley_access as
-- s:<session id>, and every node drops what it kept of that session. Rotating the refresh hash is
-- no change to the standing and is not announced.

CREATE FUNCTION notify_session_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('parley_access', 's:' || OLD.id);
    ELSE
        PERFORM pg_notify('parley_access', 's:' || NEW.id);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER sessions_standing_changed AFTER UPDATE OF revoked_at, expires_at, user_id ON sessions
    FOR EACH ROW EXECUTE FUNCTION notify_session_change();
CREATE TRIGGER sessions_gone AFTER DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION notify_session_change();
