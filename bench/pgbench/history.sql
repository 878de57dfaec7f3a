-- The newest 50 messages of one channel straight from Parley's table (what a history page reads).
SELECT id, channel_id, seq, author_id, content, created_at, edited_at, deleted_at, reply_to_id FROM messages WHERE channel_id = :cid ORDER BY seq DESC LIMIT 50;
