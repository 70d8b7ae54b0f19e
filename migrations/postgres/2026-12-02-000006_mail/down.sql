DROP INDEX inbound_mails_outcome;
DROP INDEX inbound_mails_ticket;
ALTER TABLE inbound_mails DROP COLUMN sender;
DROP INDEX outbox_recipient;
DROP INDEX outbox_due;
ALTER TABLE outbox DROP COLUMN claimed_until;
ALTER TABLE outbox DROP COLUMN references_ids;
