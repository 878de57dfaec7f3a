-- Issue 17: the per-user upload quota sums a user's attachments, and the cleanup sweep looks for
-- uploads never sent past their time to live. Both read through these indexes, not the table.

CREATE INDEX attachments_by_uploader ON attachments (uploader_id);
CREATE INDEX attachments_unsent ON attachments (created_at) WHERE message_id IS NULL;
