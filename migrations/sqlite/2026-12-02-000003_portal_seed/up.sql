-- A portal token is derived from this random seed with a key derived from the master key, so
-- the database alone (a stolen copy, a backup) cannot open a portal. Mails that carry the link
-- store a placeholder; the sender derives the token when it sends.
ALTER TABLE api_tokens ADD COLUMN seed TEXT;
