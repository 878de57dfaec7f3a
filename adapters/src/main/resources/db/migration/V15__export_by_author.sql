-- A user's data export walks their messages by id, a page at a time (JdbcMessageExport); without
-- this index each page would scan every message.
CREATE INDEX messages_by_author ON messages (author_id, id);
