-- Full-text search over messages.
--
-- The 'simple' configuration lowercases words and does nothing else: no stemming and no stop
-- words, so text in any language, usernames and code-like words match as typed ("running" does
-- not find "run"). A deleted message has no vector at all, so it can never match, even before its
-- text is erased.
ALTER TABLE messages ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        CASE WHEN deleted_at IS NULL THEN to_tsvector('simple', content) END
    ) STORED;

-- Searches filter by words first; channel, author and cursor are checked on the matching rows.
-- New rows wait in the index's pending list (fastupdate) until autovacuum merges them, which keeps
-- sends cheap; the planner prices that list in, so a search may scan instead until then.
CREATE INDEX messages_search ON messages USING GIN (search_vector);
