-- The lifecycle timers pick their due tickets by state and the time their window started
-- (`store::timers`). Without these, every pass would scan all tickets, most of them closed.
-- Plain composite indexes rather than partial ones: the state is a bound parameter, and a
-- planner cannot match a parameter against a partial index's WHERE.
CREATE INDEX tickets_timer_waiting ON tickets (state, last_agent_reply_at, updated_at);
CREATE INDEX tickets_timer_resolved ON tickets (state, resolved_at);
CREATE INDEX tickets_timer_created ON tickets (state, created_at);
