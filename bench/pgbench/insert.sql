-- Raw single-row insert capacity: a row shaped like a Parley message, one transaction each.
\set c random(1, 1000)
INSERT INTO bench_insert (channel_id, author_id, content, created_at) VALUES (:c, 1, 'b ~T123456789~ benchmark message', now());
