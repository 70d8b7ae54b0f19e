DROP INDEX tickets_order_ref;
DROP TRIGGER ticket_search_message_delete;
DROP TRIGGER ticket_search_message_update;
DROP TRIGGER ticket_search_message_insert;
DROP TRIGGER ticket_search_ticket_delete;
DROP TRIGGER ticket_search_ticket_update;
DROP TRIGGER ticket_search_ticket_insert;
DROP TABLE ticket_search;
