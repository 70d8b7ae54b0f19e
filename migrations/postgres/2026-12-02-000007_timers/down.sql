DROP INDEX tickets_timer_created;
DROP INDEX tickets_timer_resolved;
DROP INDEX tickets_timer_waiting;
