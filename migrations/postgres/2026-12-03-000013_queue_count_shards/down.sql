CREATE OR REPLACE FUNCTION queue_counts_track() RETURNS trigger AS $$
DECLARE
    was_in BOOLEAN := TG_OP IN ('UPDATE', 'DELETE') AND OLD.state IN ('queued', 'assigned');
    is_in BOOLEAN := TG_OP IN ('UPDATE', 'INSERT') AND NEW.state IN ('queued', 'assigned');
BEGIN
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
ALTER TABLE queue_counts DROP CONSTRAINT queue_counts_pkey;
DELETE FROM queue_counts;
ALTER TABLE queue_counts DROP COLUMN shard;
INSERT INTO queue_counts (lane, n)
SELECT l.lane, (SELECT COUNT(*) FROM tickets t WHERE t.state IN ('queued', 'assigned') AND t.lane = l.lane)
FROM (VALUES (0), (1)) AS l (lane);
ALTER TABLE queue_counts ADD PRIMARY KEY (lane);
