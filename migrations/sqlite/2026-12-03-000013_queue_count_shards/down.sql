ALTER TABLE queue_counts DROP COLUMN shard;
