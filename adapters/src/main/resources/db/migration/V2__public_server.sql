-- The built-in public server whose text channels are seed 004's rooms. Everyone joins it on
-- sign-up; accounts that existed before this migration join it here.
INSERT INTO servers (name, description, is_public, created_at)
VALUES ('Rooms', 'Public rooms open to everyone', TRUE, now());

INSERT INTO memberships (server_id, user_id, role, joined_at)
SELECT s.id, u.id, 'MEMBER', now()
FROM servers s CROSS JOIN users u
WHERE s.is_public;
