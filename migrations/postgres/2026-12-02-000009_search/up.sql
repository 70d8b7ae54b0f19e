-- Search across tickets (store::search). One row per ticket in ticket_search: its subject, its
-- customer (email and name), its order reference and the text of all its messages (internal
-- notes included: only agents search), with a generated tsvector under a GIN index. The text is
-- folded first (lower case, French accents off, punctuation to spaces, so an address or an
-- order reference splits into words as SQLite's unicode61 splits them), then indexed with the
-- `simple`, `english` and `french` configurations together, so a word is found as typed and by
-- its English or French stem. Queries are prefix terms (`factur:*`), as on SQLite.
-- Triggers keep the rows in step with tickets and messages, so no code path can forget it.
CREATE FUNCTION guichet_search_fold(t TEXT) RETURNS TEXT
LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT translate(lower(t),
        'ÀÂÄÁÃÉÈÊËÍÎÏÌÓÔÖÒÕÚÙÛÜÝŸÇÑàâäáãéèêëíîïìóôöòõúùûüýÿçñ@.,;:_+-/\|()[]{}<>"''!?#*&=~^%$',
        'aaaaaeeeeiiiiooooouuuuyycnaaaaaeeeeiiiiooooouuuuyycn                               ')
$$;

CREATE FUNCTION guichet_search_vector(t TEXT) RETURNS tsvector
LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT to_tsvector('simple'::regconfig, guichet_search_fold(t))
        || to_tsvector('english'::regconfig, guichet_search_fold(t))
        || to_tsvector('french'::regconfig, guichet_search_fold(t))
$$;

CREATE TABLE ticket_search (
    ticket_id BIGINT PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    customer TEXT NOT NULL,
    order_ref TEXT NOT NULL,
    body TEXT NOT NULL,
    doc tsvector GENERATED ALWAYS AS (
        setweight(guichet_search_vector(subject), 'A')
        || setweight(guichet_search_vector(customer || ' ' || order_ref), 'B')
        || setweight(guichet_search_vector(body), 'D')
    ) STORED
);

INSERT INTO ticket_search (ticket_id, subject, customer, order_ref, body)
SELECT t.id, t.subject, t.email || ' ' || t.name, COALESCE(t.order_ref, ''),
    COALESCE((SELECT string_agg(m.body, E'\n' ORDER BY m.created_at, m.id)
              FROM messages m WHERE m.ticket_id = t.id), '')
FROM tickets t;

CREATE INDEX ticket_search_doc ON ticket_search USING GIN (doc);

CREATE FUNCTION ticket_search_ticket() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO ticket_search (ticket_id, subject, customer, order_ref, body)
        VALUES (NEW.id, NEW.subject, NEW.email || ' ' || NEW.name, COALESCE(NEW.order_ref, ''), '');
    ELSE
        UPDATE ticket_search
        SET subject = NEW.subject, customer = NEW.email || ' ' || NEW.name,
            order_ref = COALESCE(NEW.order_ref, '')
        WHERE ticket_id = NEW.id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER ticket_search_ticket_insert AFTER INSERT ON tickets
FOR EACH ROW EXECUTE FUNCTION ticket_search_ticket();
CREATE TRIGGER ticket_search_ticket_update AFTER UPDATE OF subject, email, name, order_ref ON tickets
FOR EACH ROW EXECUTE FUNCTION ticket_search_ticket();

-- A new message is appended; an edited, moved (merge) or deleted one rebuilds the text of the
-- tickets concerned.
CREATE FUNCTION ticket_search_message() RETURNS trigger
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

CREATE TRIGGER ticket_search_message_insert AFTER INSERT ON messages
FOR EACH ROW EXECUTE FUNCTION ticket_search_message();
CREATE TRIGGER ticket_search_message_update AFTER UPDATE OF body, ticket_id ON messages
FOR EACH ROW EXECUTE FUNCTION ticket_search_message();
CREATE TRIGGER ticket_search_message_delete AFTER DELETE ON messages
FOR EACH ROW EXECUTE FUNCTION ticket_search_message();

-- The exact match on an order reference.
CREATE INDEX tickets_order_ref ON tickets (order_ref) WHERE order_ref IS NOT NULL;
