-- A ticket's search row is written once, with its first message, instead of twice.
--
-- The ticket's insert trigger wrote the row with an empty body, and the first message's trigger
-- (in the same transaction: a ticket is always created with its first message) then updated
-- it, which FTS5 runs as a delete of the row's terms and an insert of all of them again: the
-- subject, the customer and the order reference were tokenised three times per intake. The
-- search index was 40-45 % of the cost of intake's writes (benches/scripts/schema-ceiling.py).
-- Now the first message inserts the whole row and later messages append to it. A ticket with
-- no message (none is created so) is not searchable until it has one.
DROP TRIGGER ticket_search_ticket_insert;
DROP TRIGGER ticket_search_message_insert;

CREATE TRIGGER ticket_search_message_insert AFTER INSERT ON messages
BEGIN
    -- A later message: append (the row exists). FTS5 has no upsert, hence two statements.
    UPDATE ticket_search
    SET body = CASE WHEN body = '' THEN NEW.body ELSE body || char(10) || NEW.body END
    WHERE rowid = NEW.ticket_id;
    -- The first message: the whole row at once.
    INSERT INTO ticket_search (rowid, subject, customer, order_ref, body)
    SELECT t.id, t.subject, t.email || ' ' || t.name, COALESCE(t.order_ref, ''), NEW.body
    FROM tickets t
    WHERE t.id = NEW.ticket_id
        AND NOT EXISTS (SELECT 1 FROM ticket_search s WHERE s.rowid = NEW.ticket_id);
END;
