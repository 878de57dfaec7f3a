-- The delivery log is pruned by age: attempts arrive in time order, so a BRIN index on their time
-- is tiny and costs next to nothing per attempt.
CREATE INDEX webhook_deliveries_by_time ON webhook_deliveries USING brin (at);
