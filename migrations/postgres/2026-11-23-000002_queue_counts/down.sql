DROP TRIGGER queue_counts_delete ON tickets;
DROP TRIGGER queue_counts_update ON tickets;
DROP TRIGGER queue_counts_insert ON tickets;
DROP FUNCTION queue_counts_track();
DROP TABLE queue_counts;
