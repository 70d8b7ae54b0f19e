-- How many tickets wait in each lane (state queued or assigned), kept by a trigger so that no
-- code path can forget it. Positions near the back of the queue are derived from these counts
-- instead of counting every ticket ahead (see store::queue::position).
-- One row per lane (0 priority, 1 standard), created here.
CREATE TABLE queue_counts (
    lane INTEGER PRIMARY KEY NOT NULL,
    n BIGINT NOT NULL
);
INSERT INTO queue_counts (lane, n)
SELECT l.lane, (SELECT COUNT(*) FROM tickets t WHERE t.state IN ('queued', 'assigned') AND t.lane = l.lane)
FROM (VALUES (0), (1)) AS l (lane);

CREATE FUNCTION queue_counts_track() RETURNS trigger AS $$
DECLARE
    was_in BOOLEAN := TG_OP IN ('UPDATE', 'DELETE') AND OLD.state IN ('queued', 'assigned');
    is_in BOOLEAN := TG_OP IN ('UPDATE', 'INSERT') AND NEW.state IN ('queued', 'assigned');
BEGIN
    -- queued <-> assigned keeps a ticket in its lane: no counter row is touched, so take-next
    -- (FOR UPDATE SKIP LOCKED) never waits on a counter lock.
    IF was_in AND is_in AND OLD.lane = NEW.lane THEN
        RETURN NULL;
    END IF;
    IF was_in THEN
        UPDATE queue_counts SET n = n - 1 WHERE lane = OLD.lane;
    END IF;
    IF is_in THEN
        UPDATE queue_counts SET n = n + 1 WHERE lane = NEW.lane;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER queue_counts_insert AFTER INSERT ON tickets
FOR EACH ROW EXECUTE FUNCTION queue_counts_track();
CREATE TRIGGER queue_counts_update AFTER UPDATE OF state, lane ON tickets
FOR EACH ROW EXECUTE FUNCTION queue_counts_track();
CREATE TRIGGER queue_counts_delete AFTER DELETE ON tickets
FOR EACH ROW EXECUTE FUNCTION queue_counts_track();
