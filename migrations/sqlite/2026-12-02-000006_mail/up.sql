-- The mail channel.
-- Outbox: References for threading, and a lease so several processes share the sender: a row
-- is claimed until claimed_until; a process that dies mid-send leaves the lease to expire and
-- another process takes the row again.
ALTER TABLE outbox ADD COLUMN references_ids TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until TEXT;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
-- The automatic-mail rate limit counts recent automatic mails to one address.
CREATE INDEX outbox_recipient ON outbox (to_addr, created_at);
-- Inbound mail: the sender (for the refusal rate limit) and the reason a mail was kept aside;
-- threading looks up the ticket of a Message-ID received before.
ALTER TABLE inbound_mails ADD COLUMN sender TEXT;
CREATE INDEX inbound_mails_ticket ON inbound_mails (ticket_id);
CREATE INDEX inbound_mails_outcome ON inbound_mails (outcome, received_at);
