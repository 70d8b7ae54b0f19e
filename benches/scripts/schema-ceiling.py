#!/usr/bin/env python3
"""Intake's writes on guichet's own schema, with nothing else in the way: the ceiling a single
writer reaches when every index, trigger and the search index are there but no HTTP, no policy,
no diesel and no outbox. It sits between the plain four-insert ceiling (sqlite-ceiling.py) and
guichet itself, and splits what the schema costs from what the rest of the server costs.

    benches/scripts/schema-ceiling.py GUICHET_DB SECONDS SYNCHRONOUS [GROUP]

GUICHET_DB is a desk's database (migrated, with at least one product); it is copied first and
the copy is written, twice: as migrated, then with the search index's triggers dropped. GROUP
tickets are written per transaction (1 by default), each in its own savepoint as group commit
writes them. Prints one JSON line per variant: transactions and tickets per second and the CPU
milliseconds per ticket of this process (SQLite runs inside it).
"""
import json
import os
import shutil
import sqlite3
import sys
import time

source, seconds, sync = sys.argv[1], float(sys.argv[2]), sys.argv[3]
group = int(sys.argv[4]) if len(sys.argv) > 4 else 1
body = "Every invoice is blank since the update; the export stopped too. " * 3


def one_ticket(db, i, now):
    (seq,) = db.execute(
        "UPDATE counters SET value = value + 1 WHERE name = 'queue_seq' RETURNING value"
    ).fetchone()
    (tid,) = db.execute(
        """INSERT INTO tickets (product_id, email, name, version, subject, state, lane, queued_at,
               queue_seq, lang, channel, awaiting_since, created_at, updated_at)
           VALUES ((SELECT min(id) FROM products), ?, 'Buyer', '3.7.28', ?, 'queued', 1, ?, ?,
               'en', 'api', ?, ?, ?) RETURNING id""",
        (f"buyer{i % 1000}@example.com", f"Blank invoices {i}", now, seq, now, now, now),
    ).fetchone()
    db.execute(
        """INSERT INTO messages (ticket_id, author, body, internal, channel, created_at)
           VALUES (?, 'customer', ?, 0, 'api', ?)""",
        (tid, body, now),
    )
    db.execute(
        """INSERT INTO api_tokens (name, token_hash, seed, scope, ticket_id, created_at)
           VALUES ('portal', ?, ?, 'portal', ?, ?)""",
        (os.urandom(32).hex(), os.urandom(16).hex(), tid, now),
    )
    db.execute(
        """INSERT INTO outbox (ticket_id, kind, to_addr, lang, subject, body_text, message_id,
               auto_submitted, state, attempts, next_attempt_at, created_at)
           VALUES (?, 'acknowledgment', ?, 'en', ?, ?, ?, 1, 'pending', 0, ?, ?)""",
        (tid, f"buyer{i % 1000}@example.com", f"[#{tid}] received", body,
         f"<{os.urandom(12).hex()}@desk.example>", now, now),
    )


def run(path, variant):
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(f"PRAGMA synchronous = {sync}")
    db.execute("PRAGMA foreign_keys = ON")
    if variant == "no search triggers":
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'ticket_search_%'"
        ).fetchall():
            db.execute(f'DROP TRIGGER "{name}"')
    db.execute("INSERT OR IGNORE INTO counters (name, value) VALUES ('queue_seq', 0)")
    n = 0
    cpu0, start = time.process_time(), time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        now = time.strftime("%Y-%m-%d %H:%M:%S.000000")
        db.execute("BEGIN IMMEDIATE")
        for _ in range(group):
            db.execute("SAVEPOINT one")
            one_ticket(db, n, now)
            db.execute("RELEASE one")
            n += 1
        db.execute("COMMIT")
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu0
    db.close()
    return {
        "schema_ceiling": variant, "synchronous": sync, "group": group,
        "tickets_per_s": round(n / elapsed), "tx_per_s": round(n / group / elapsed),
        "cpu_ms_per_ticket": round(cpu * 1000 / max(n, 1), 3),
    }


for variant in ("as migrated", "no search triggers"):
    copy = source + ".ceiling"
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(copy + suffix):
            os.remove(copy + suffix)
    src = sqlite3.connect(source)
    dst = sqlite3.connect(copy)
    src.backup(dst)
    dst.execute("PRAGMA journal_mode = WAL")
    src.close()
    dst.close()
    print(json.dumps(run(copy, variant)), flush=True)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(copy + suffix):
            os.remove(copy + suffix)
