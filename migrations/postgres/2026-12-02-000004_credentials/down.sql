ALTER TABLE tickets DROP COLUMN credentials_given;
DROP TRIGGER ticket_credentials_over ON tickets;
DROP FUNCTION ticket_credentials_forget();
DROP TABLE ticket_credentials;
CREATE TABLE secrets (
    id BIGSERIAL PRIMARY KEY,
    ticket_id BIGINT NOT NULL UNIQUE REFERENCES tickets(id) ON DELETE CASCADE,
    nonce BYTEA NOT NULL,
    ciphertext BYTEA NOT NULL,
    created_at TIMESTAMP NOT NULL
);
