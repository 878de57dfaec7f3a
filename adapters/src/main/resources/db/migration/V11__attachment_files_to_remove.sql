-- Issue 17: every deleted attachment row leaves its storage key here, however it went (the
-- cleanup sweep, or a cascade from its channel, server or message), so the cleanup job removes
-- the bytes of all of them. A key leaves this table only once its bytes are gone.

CREATE TABLE attachment_files_to_remove (
    storage_key VARCHAR(128) PRIMARY KEY,
    queued_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE FUNCTION queue_attachment_file() RETURNS trigger AS $$
BEGIN
    INSERT INTO attachment_files_to_remove (storage_key) VALUES (OLD.storage_key)
    ON CONFLICT DO NOTHING;
    RETURN OLD;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER attachments_queue_file AFTER DELETE ON attachments
    FOR EACH ROW EXECUTE FUNCTION queue_attachment_file();
