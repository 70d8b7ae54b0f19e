CREATE OR REPLACE FUNCTION ticket_search_message() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE ticket_search
        SET body = CASE WHEN body = '' THEN NEW.body ELSE body || E'\n' || NEW.body END
        WHERE ticket_id = NEW.ticket_id;
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

CREATE TRIGGER ticket_search_ticket_insert AFTER INSERT ON tickets
FOR EACH ROW EXECUTE FUNCTION ticket_search_ticket();
