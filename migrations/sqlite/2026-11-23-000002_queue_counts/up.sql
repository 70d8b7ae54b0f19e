-- How many tickets wait in each lane (state queued or assigned), kept by triggers so that no
-- code path can forget it. Positions near the back of the queue are derived from these counts
-- instead of counting every ticket ahead (see store::queue::position).
-- One row per lane (0 priority, 1 standard), created here.
CREATE TABLE queue_counts (
    lane INTEGER PRIMARY KEY NOT NULL,
    n BIGINT NOT NULL
);
INSERT INTO queue_counts (lane, n)
SELECT l.lane, (SELECT COUNT(*) FROM tickets t WHERE t.state IN ('queued', 'assigned') AND t.lane = l.lane)
FROM (SELECT 0 AS lane UNION ALL SELECT 1) AS l;

CREATE TRIGGER queue_counts_insert AFTER INSERT ON tickets
WHEN NEW.state IN ('queued', 'assigned')
BEGIN
    UPDATE queue_counts SET n = n + 1 WHERE lane = NEW.lane;
END;

CREATE TRIGGER queue_counts_delete AFTER DELETE ON tickets
WHEN OLD.state IN ('queued', 'assigned')
BEGIN
    UPDATE queue_counts SET n = n - 1 WHERE lane = OLD.lane;
END;

-- queued <-> assigned keeps a ticket in its lane: neither trigger below fires, so take-next
-- never touches the counter rows.
CREATE TRIGGER queue_counts_leave AFTER UPDATE OF state, lane ON tickets
WHEN OLD.state IN ('queued', 'assigned')
    AND NOT (NEW.state IN ('queued', 'assigned') AND NEW.lane = OLD.lane)
BEGIN
    UPDATE queue_counts SET n = n - 1 WHERE lane = OLD.lane;
END;

CREATE TRIGGER queue_counts_enter AFTER UPDATE OF state, lane ON tickets
WHEN NEW.state IN ('queued', 'assigned')
    AND NOT (OLD.state IN ('queued', 'assigned') AND NEW.lane = OLD.lane)
BEGIN
    UPDATE queue_counts SET n = n + 1 WHERE lane = NEW.lane;
END;
