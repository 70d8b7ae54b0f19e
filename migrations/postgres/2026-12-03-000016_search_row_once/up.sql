-- A ticket's search row is written once, with its first message, instead of twice.
--
-- The ticket's insert trigger wrote the row with an empty body, and the first message's trigger
-- (in the same transaction: a ticket is always created with its first message) then updated
-- it: a second row version, its tsvector (three configurations over the whole text) computed
-- again and the GIN index updated again. Now the first message inserts the whole row and later
-- messages append to it, in one upsert. A ticket with no message (none is created so) is not
-- searchable until it has one.
DROP TRIGGER ticket_search_ticket_insert ON tickets;

CREATE OR REPLACE FUNCTION ticket_search_message() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO ticket_search (ticket_id, subject, customer, order_ref, body)
        SELECT t.id, t.subject, t.email || ' ' || t.name, COALESCE(t.order_ref, ''), NEW.body
        FROM tickets t WHERE t.id = NEW.ticket_id
        ON CONFLICT (ticket_id) DO UPDATE
        SET body = CASE WHEN ticket_search.body = '' THEN EXCLUDED.body
                        ELSE ticket_search.body || E'\n' || EXCLUDED.body END;
        RETURN NULL;
    END IF;
    UPDATE ticket_search s
    SET body = COALESCE((SELECT string_agg(m.body, E'\n' ORDER BY m.created_at, m.id)
                         FROM messages m WHERE m.ticket_id = s.ticket_id), '')
    WHERE s.ticket_id = OLD.ticket_id
        OR (TG_OP = 'UPDATE' AND s.ticket_id = NEW.ticket_id);
    RETURN NULL;
END;
$$;
