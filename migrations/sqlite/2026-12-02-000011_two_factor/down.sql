ALTER TABLE agents DROP COLUMN session_epoch;
ALTER TABLE agents DROP COLUMN totp_last_step;
ALTER TABLE agents DROP COLUMN totp_pending;
ALTER TABLE agents DROP COLUMN totp_secret;
