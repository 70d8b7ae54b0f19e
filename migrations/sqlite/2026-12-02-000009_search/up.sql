-- Search across tickets (store::search). One FTS5 row per ticket, rowid = the ticket's id:
-- its subject, its customer (email and name), its order reference and the text of all its
-- messages (internal notes included: only agents search). unicode61 with remove_diacritics 2
-- folds accents ("reglee" finds "réglée"); FTS5 has no French stemmer, so every query term is
-- a prefix (`facture*` finds "factures"), helped by the prefix indexes of 2 and 3 characters.
-- Triggers keep the rows in step with tickets and messages, so no code path can forget it.
CREATE VIRTUAL TABLE ticket_search USING fts5(
    subject, customer, order_ref, body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

INSERT INTO ticket_search (rowid, subject, customer, order_ref, body)
SELECT t.id, t.subject, t.email || ' ' || t.name, COALESCE(t.order_ref, ''),
    COALESCE((SELECT group_concat(m.body, char(10))
              FROM (SELECT body FROM messages WHERE ticket_id = t.id ORDER BY created_at, id) AS m), '')
FROM tickets t;

CREATE TRIGGER ticket_search_ticket_insert AFTER INSERT ON tickets
BEGIN
    INSERT INTO ticket_search (rowid, subject, customer, order_ref, body)
    VALUES (NEW.id, NEW.subject, NEW.email || ' ' || NEW.name, COALESCE(NEW.order_ref, ''), '');
END;

CREATE TRIGGER ticket_search_ticket_update AFTER UPDATE OF subject, email, name, order_ref ON tickets
BEGIN
    UPDATE ticket_search
    SET subject = NEW.subject, customer = NEW.email || ' ' || NEW.name,
        order_ref = COALESCE(NEW.order_ref, '')
    WHERE rowid = NEW.id;
END;

CREATE TRIGGER ticket_search_ticket_delete AFTER DELETE ON tickets
BEGIN
    DELETE FROM ticket_search WHERE rowid = OLD.id;
END;

-- A new message is appended; an edited, moved (merge) or deleted one rebuilds the text of the
-- tickets concerned.
CREATE TRIGGER ticket_search_message_insert AFTER INSERT ON messages
BEGIN
    UPDATE ticket_search
    SET body = CASE WHEN body = '' THEN NEW.body ELSE body || char(10) || NEW.body END
    WHERE rowid = NEW.ticket_id;
END;

CREATE TRIGGER ticket_search_message_update AFTER UPDATE OF body, ticket_id ON messages
BEGIN
    UPDATE ticket_search
    SET body = COALESCE((SELECT group_concat(m.body, char(10))
              FROM (SELECT body FROM messages WHERE ticket_id = ticket_search.rowid ORDER BY created_at, id) AS m), '')
    WHERE rowid IN (OLD.ticket_id, NEW.ticket_id);
END;

CREATE TRIGGER ticket_search_message_delete AFTER DELETE ON messages
BEGIN
    UPDATE ticket_search
    SET body = COALESCE((SELECT group_concat(m.body, char(10))
              FROM (SELECT body FROM messages WHERE ticket_id = OLD.ticket_id ORDER BY created_at, id) AS m), '')
    WHERE rowid = OLD.ticket_id;
END;

-- The exact match on an order reference.
CREATE INDEX tickets_order_ref ON tickets (order_ref) WHERE order_ref IS NOT NULL;
