ALTER TABLE tickets DROP COLUMN credentials_given;
DROP TRIGGER ticket_credentials_over;
DROP TABLE ticket_credentials;
CREATE TABLE secrets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id BIGINT NOT NULL UNIQUE REFERENCES tickets(id) ON DELETE CASCADE,
    nonce BLOB NOT NULL,
    ciphertext BLOB NOT NULL,
    created_at TEXT NOT NULL
);
