-- Two-factor sign-in: the agent's TOTP secret, sealed by `two_factor` (XChaCha20-Poly1305
-- under its own derived key, the agent id as associated data; nonce then ciphertext), never in
-- clear. `totp_pending` is the secret being enrolled, sealed the same way, until the agent
-- types a code from it; `totp_last_step` is the last 30-second step whose code was accepted, so
-- a code works once.
ALTER TABLE agents ADD COLUMN totp_secret BYTEA;
ALTER TABLE agents ADD COLUMN totp_pending BYTEA;
ALTER TABLE agents ADD COLUMN totp_last_step BIGINT;
-- Covered by every session cookie's MAC: adding one ends every session of the agent at once,
-- in every `serve` process.
ALTER TABLE agents ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 0;
