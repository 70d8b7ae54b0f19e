-- Sixteen counter rows per lane instead of one. Every ticket entering or leaving the queue
-- updates a counter row, and a row update holds that row's lock until the transaction commits:
-- with one row per lane, every intake of a lane waited for the previous one, across every
-- `serve` process. A ticket now counts in the row of its id modulo 16, so concurrent intakes
-- (consecutive ids) update different rows, and a ticket leaving the queue updates the row it
-- entered. The length of a lane is the sum of its rows, read in one snapshot as before.
ALTER TABLE queue_counts ADD COLUMN shard INTEGER NOT NULL DEFAULT 0;
ALTER TABLE queue_counts DROP CONSTRAINT queue_counts_pkey;
DELETE FROM queue_counts;
INSERT INTO queue_counts (lane, shard, n)
SELECT l.lane, s.shard,
       (SELECT COUNT(*) FROM tickets t
        WHERE t.state IN ('queued', 'assigned') AND t.lane = l.lane AND t.id % 16 = s.shard)
FROM (VALUES (0), (1)) AS l (lane), generate_series(0, 15) AS s (shard);
ALTER TABLE queue_counts ADD PRIMARY KEY (lane, shard);

CREATE OR REPLACE FUNCTION queue_counts_track() RETURNS trigger AS $$
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
        UPDATE queue_counts SET n = n - 1 WHERE lane = OLD.lane AND shard = OLD.id % 16;
    END IF;
    IF is_in THEN
        UPDATE queue_counts SET n = n + 1 WHERE lane = NEW.lane AND shard = NEW.id % 16;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
