-- The outbox's indexes, fitted to the questions asked of it on every mail.
--
-- Two cost every mail a write and served no query: `outbox_to` repeats `outbox_recipient`
-- column for column, and `outbox_due` is partial on `state = 'pending'` while the sender's due
-- query binds the state, so planners walk `outbox_pending (state, next_attempt_at)` instead
-- (which /metrics also needs, to count mails by state).
--
-- One is new: the automatic-mail limit counts, before every automatic mail, those already sent
-- to the address within the window. Through `outbox_recipient` that read every mail ever
-- queued to the address; `outbox_auto_sent` holds only the sent automatic ones, by address
-- and time, and answers the count from the index (`store::outbox::automatic_sent_since`
-- repeats its WHERE literally).
DROP INDEX outbox_to;
DROP INDEX outbox_due;
CREATE INDEX outbox_auto_sent ON outbox (to_addr, sent_at) WHERE state = 'sent' AND auto_submitted;
