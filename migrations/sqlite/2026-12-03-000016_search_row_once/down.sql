DROP TRIGGER ticket_search_message_insert;

CREATE TRIGGER ticket_search_ticket_insert AFTER INSERT ON tickets
BEGIN
    INSERT INTO ticket_search (rowid, subject, customer, order_ref, body)
    VALUES (NEW.id, NEW.subject, NEW.email || ' ' || NEW.name, COALESCE(NEW.order_ref, ''), '');
END;

CREATE TRIGGER ticket_search_message_insert AFTER INSERT ON messages
BEGIN
    UPDATE ticket_search
    SET body = CASE WHEN body = '' THEN NEW.body ELSE body || char(10) || NEW.body END
    WHERE rowid = NEW.ticket_id;
END;
