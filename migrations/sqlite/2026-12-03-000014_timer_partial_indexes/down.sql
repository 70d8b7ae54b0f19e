DROP INDEX tickets_timer_needs_info;
DROP INDEX tickets_timer_resolved;
DROP INDEX tickets_timer_waiting;
CREATE INDEX tickets_timer_waiting ON tickets (state, last_agent_reply_at, updated_at);
CREATE INDEX tickets_timer_resolved ON tickets (state, resolved_at);
CREATE INDEX tickets_timer_created ON tickets (state, created_at);
