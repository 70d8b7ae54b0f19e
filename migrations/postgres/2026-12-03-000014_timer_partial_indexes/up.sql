-- The lifecycle timers' indexes become partial, one per state a timer watches.
--
-- As (state, ...) composites they held every ticket, so every new ticket paid three more index
-- inserts, and SQLite's planner, seeing an equality on their first column, chose them for the
-- queue's own questions (`state IN ('queued', 'assigned')`): the position of a new ticket then
-- read every queued row through the table instead of the few entries behind it in the
-- `tickets_queue` index (two thirds of an intake's CPU at 8 concurrent intakes, by perf).
-- Partial, they hold only the tickets a timer will look at, and no queue question can use them.
-- `store::timers` writes the state as a literal so that the planner can match these WHEREs.
DROP INDEX tickets_timer_waiting;
DROP INDEX tickets_timer_resolved;
DROP INDEX tickets_timer_created;
CREATE INDEX tickets_timer_waiting ON tickets (last_agent_reply_at, updated_at)
    WHERE state = 'waiting_customer';
CREATE INDEX tickets_timer_resolved ON tickets (resolved_at) WHERE state = 'resolved';
CREATE INDEX tickets_timer_needs_info ON tickets (created_at) WHERE state = 'needs_info';
