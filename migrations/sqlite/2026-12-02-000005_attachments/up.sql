-- The attachments table dates from the first migration; the portal lists a message's files
-- and the download looks one up by ticket, so both lookups get an index. The file itself is
-- on disk by content hash (`DATA_DIR/attachments/ab/cdef…`); a row only names it.
CREATE INDEX attachments_message ON attachments (message_id);
CREATE INDEX attachments_ticket_id ON attachments (ticket_id, id);
