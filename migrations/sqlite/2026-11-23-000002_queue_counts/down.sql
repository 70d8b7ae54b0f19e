DROP TRIGGER queue_counts_enter;
DROP TRIGGER queue_counts_leave;
DROP TRIGGER queue_counts_delete;
DROP TRIGGER queue_counts_insert;
DROP TABLE queue_counts;
