DROP INDEX outbox_auto_sent;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_to ON outbox (to_addr, created_at);
