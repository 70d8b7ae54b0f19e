-- Site credentials, sealed by `vault` (XChaCha20-Poly1305, the ticket id as associated data):
-- only the nonce and the ciphertext are stored, one row per ticket. The unused `secrets` table
-- of the first migration had the same purpose and is replaced by this one.
DROP TABLE secrets;
CREATE TABLE ticket_credentials (
    ticket_id BIGINT PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
    nonce BYTEA NOT NULL,
    ciphertext BYTEA NOT NULL,
    created_at TIMESTAMP NOT NULL
);
-- Credentials are deleted when their ticket is resolved or closed. The code deletes them in
-- the transaction that changes the state (`store::credentials::delete_for`); this trigger does
-- it too, so a resolve path added later cannot forget.
CREATE FUNCTION ticket_credentials_forget() RETURNS trigger AS $$
BEGIN
    DELETE FROM ticket_credentials WHERE ticket_id = NEW.id;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER ticket_credentials_over
AFTER UPDATE OF state ON tickets
FOR EACH ROW WHEN (NEW.state IN ('resolved', 'closed'))
EXECUTE FUNCTION ticket_credentials_forget();
-- Whether credentials were ever given with the ticket, so the portal can still say "given,
-- and deleted" once the row above is gone.
ALTER TABLE tickets ADD COLUMN credentials_given BOOLEAN NOT NULL DEFAULT FALSE;
