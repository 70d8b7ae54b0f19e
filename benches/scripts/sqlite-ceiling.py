#!/usr/bin/env python3
"""The disk's ceiling for intake on SQLite: how many write transactions of four small inserts
(a ticket, its first message, its portal token, its outbox mail) one writer commits per second
in WAL mode, on the folder given, with nothing else in the way (no HTTP, no policy, no indexes
beyond the primary keys and one unique number).

    benches/scripts/sqlite-ceiling.py FOLDER [SECONDS] [SYNCHRONOUS]

Prints one JSON line. SYNCHRONOUS is NORMAL (the desk's default) or FULL. SQLite's automatic
checkpoint stays on, as a plain application would leave it.
"""
import json
import os
import sqlite3
import sys
import time

folder = sys.argv[1]
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
sync = sys.argv[3] if len(sys.argv) > 3 else "NORMAL"
path = os.path.join(folder, "ceiling.sqlite")
for suffix in ("", "-wal", "-shm"):
    try:
        os.remove(path + suffix)
    except FileNotFoundError:
        pass

db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode = WAL")
db.execute(f"PRAGMA synchronous = {sync}")
db.executescript(
    """
    CREATE TABLE tickets (id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, email TEXT NOT NULL,
        subject TEXT NOT NULL, state TEXT NOT NULL, created_at TEXT NOT NULL);
    CREATE TABLE messages (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, body TEXT NOT NULL,
        created_at TEXT NOT NULL);
    CREATE TABLE tokens (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, hash BLOB NOT NULL);
    CREATE TABLE outbox (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, recipient TEXT NOT NULL,
        body TEXT NOT NULL, created_at TEXT NOT NULL);
    """
)
body = "Every invoice is blank since the update. " * 4
n = 0
start = time.perf_counter()
deadline = start + seconds
while time.perf_counter() < deadline:
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ")
    db.execute("BEGIN IMMEDIATE")
    cur = db.execute(
        "INSERT INTO tickets (number, email, subject, state, created_at) VALUES (?, ?, ?, 'queued', ?)",
        (f"T-{n:08d}", f"buyer{n % 1000}@example.com", "Blank invoices", now),
    )
    tid = cur.lastrowid
    db.execute("INSERT INTO messages (ticket_id, body, created_at) VALUES (?, ?, ?)", (tid, body, now))
    db.execute("INSERT INTO tokens (ticket_id, hash) VALUES (?, ?)", (tid, os.urandom(32)))
    db.execute(
        "INSERT INTO outbox (ticket_id, recipient, body, created_at) VALUES (?, ?, ?, ?)",
        (tid, f"buyer{n % 1000}@example.com", body, now),
    )
    db.execute("COMMIT")
    n += 1
elapsed = time.perf_counter() - start
db.close()
for suffix in ("", "-wal", "-shm"):
    try:
        os.remove(path + suffix)
    except FileNotFoundError:
        pass
print(json.dumps({"ceiling_tx_per_s": round(n / elapsed), "transactions": n,
                  "seconds": round(elapsed, 1), "synchronous": sync}))
