-- Outgoing webhooks' member.left says why the member left (LEFT, REMOVED, KICKED, BANNED). The
-- application names the reason in a transaction-local setting before it deletes the membership;
-- a deletion without one (an account deleted, a row removed by hand) logs no reason.
ALTER TABLE server_member_log ADD COLUMN reason VARCHAR(8);

CREATE OR REPLACE FUNCTION log_member_change() RETURNS trigger AS $$
DECLARE
    sid BIGINT;
    uid BIGINT;
    p   BIGINT;
BEGIN
    IF TG_OP = 'INSERT' THEN
        sid := NEW.server_id; uid := NEW.user_id;
    ELSE
        sid := OLD.server_id; uid := OLD.user_id;
    END IF;
    -- Only servers with webhooks keep a log; a server's deletion takes its memberships along.
    IF NOT EXISTS (SELECT 1 FROM webhooks WHERE server_id = sid) THEN
        RETURN NULL;
    END IF;
    INSERT INTO server_member_positions (server_id, last_pos) VALUES (sid, 1)
        ON CONFLICT (server_id) DO UPDATE SET last_pos = server_member_positions.last_pos + 1
        RETURNING last_pos INTO p;
    INSERT INTO server_member_log (server_id, pos, user_id, joined, role, reason, at)
        VALUES (sid, p, uid, TG_OP = 'INSERT', CASE WHEN TG_OP = 'INSERT' THEN NEW.role END,
                CASE WHEN TG_OP = 'DELETE'
                     THEN NULLIF(current_setting('parley.member_left_reason', true), '') END,
                now());
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
