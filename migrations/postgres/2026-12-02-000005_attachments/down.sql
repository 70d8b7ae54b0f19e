DROP INDEX attachments_ticket_id;
DROP INDEX attachments_message;
