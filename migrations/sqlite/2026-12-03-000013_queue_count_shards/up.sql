-- PostgreSQL splits each lane's counter into sixteen rows (see its migration of this name) so
-- that concurrent intakes do not wait on one row lock. SQLite has one writer at a time anyway,
-- so its lanes keep one row each, in shard 0; the column is here so that both databases share
-- one schema and the same reads (a lane's length is the sum of its rows).
ALTER TABLE queue_counts ADD COLUMN shard INTEGER NOT NULL DEFAULT 0;
