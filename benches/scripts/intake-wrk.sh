#!/usr/bin/env bash
# Intake measured from outside, the way a user's load arrives: the release binary started on its
# own, `wrk` posting tickets for a pool of buyers (benches/scripts/intake.lua), and in the same run
# the raw SQLite ceiling of the disk (benches/scripts/sqlite-ceiling.py) and, on SQLite, the
# ceiling of intake's writes on guichet's own schema (benches/scripts/schema-ceiling.py).
#
#   benches/scripts/intake-wrk.sh BINARY
#
# Settings (environment):
#   STAGES="10000 100000 1000000"  stored tickets before each round of runs; the database is grown
#                                  between rounds by SQL (closed tickets with one message each),
#                                  since posting a million tickets would take most of an hour
#   CONCURRENCY="1 8 32"           wrk connections (one per thread) of the runs in each round
#   DURATION=20                    seconds per run
#   BUYERS=1000                    verified buyers in the pool
#   DATABASE_URL=postgres://…      run on PostgreSQL instead of a SQLite file (the database is
#                                  emptied first); PROCESSES=N starts N `serve` processes on it,
#                                  each with its own port, wrk spreading connections over them
#   SQLITE_SYNC=normal|full        SQLite durability (GUICHET_SQLITE_SYNCHRONOUS)
#   AUTO_MAIL_LIMIT=100000000      automatic mails per address and window (the desk's default
#                                  of 10 would suppress most acknowledgments after 10,000 tickets)
#   WORK=/var/tmp                  folder of the data directory (the disk being measured)
#
# Prints one JSON line per run: stored tickets before it, concurrency, tickets/s, the latency
# percentiles measured per request in the Lua script, server CPU per ticket (user+system of
# every serve process, from /proc) and the peak RSS of the largest serve process (VmHWM).
set -euo pipefail
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
stages=${STAGES:-10000}
concurrency=${CONCURRENCY:-"1 8 32"}
duration=${DURATION:-20}
buyers=${BUYERS:-1000}
processes=${PROCESSES:-1}
work=$(mktemp -d "${WORK:-/var/tmp}/guichet-intake.XXXXXX")
cleanup() { stop 2>/dev/null || true; [ -n "${KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"; }
trap cleanup EXIT
export GUICHET_SECRET_KEY=$(printf '07%.0s' $(seq 32))
export GUICHET_LOG=warn GUICHET_RATE_LIMITS=false
# Every acknowledgment is sent: with the default loop limit (10 automatic mails per address per
# window) a pool of 1,000 buyers exhausts it after 10,000 tickets, and from then on the outbox
# suppresses mails instead of writing them, which is cheaper and would flatter later runs.
export GUICHET_AUTO_MAIL_LIMIT=${AUTO_MAIL_LIMIT:-100000000}
export GUICHET_SQLITE_SYNCHRONOUS=${SQLITE_SYNC:-normal}
if [ -n "${DATABASE_URL:-}" ]; then
  export GUICHET_DATABASE_URL="$DATABASE_URL"
  psql -q "$DATABASE_URL" -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' >/dev/null
  backend=postgres
else
  backend=sqlite
fi
g() { "$bin" --data-dir "$work/data" "$@"; }

# The desk: one product with three releases, BUYERS verified buyers, an intake token.
g product add shop --name Shop >/dev/null
for v in 3.7.26 3.7.27 3.7.28; do g release add shop "$v" >/dev/null; done
{
  echo "order_ref,email,product,purchased_at"
  for i in $(seq 0 $((buyers - 1))); do echo "O-$i,buyer$i@example.com,shop,$(date +%F)"; done
} > "$work/buyers.csv"
g purchase import "$work/buyers.csv" >/dev/null
export GUICHET_BENCH_TOKEN=$(g token add bench --scope intake)
export GUICHET_BENCH_BUYERS=$buyers

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start() {
  : > "$work/pids"; : > "$work/ports"
  for _ in $(seq 1 "$processes"); do
    port=$(free_port)
    "$bin" --data-dir "$work/data" serve --bind "127.0.0.1:$port" >>"$work/serve.log" 2>&1 &
    echo $! >> "$work/pids"; echo "$port" >> "$work/ports"
    for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  done
}
stop() {
  [ -s "$work/pids" ] || return 0
  kill $(cat "$work/pids") 2>/dev/null || true
  for p in $(cat "$work/pids"); do while kill -0 "$p" 2>/dev/null; do sleep 0.1; done; done
  : > "$work/pids"
}
cpu_ticks() { local t=0; for p in $(cat "$work/pids"); do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $t; }
peak_rss_kib() { local m=0; for p in $(cat "$work/pids"); do r=$(awk '/VmHWM/ {print $2}' "/proc/$p/status"); [ "$r" -gt "$m" ] && m=$r; done; echo $m; }
stored() {
  if [ "$backend" = postgres ]; then psql -tAq "$DATABASE_URL" -c 'SELECT count(*) FROM tickets'
  else python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM tickets").fetchone()[0])' "$work/data/guichet.db"; fi
}
# Grows the database to $1 tickets with closed tickets (one customer message each), in SQL.
grow() {
  local have want=$1; have=$(stored)
  [ "$have" -ge "$want" ] && return 0
  local add=$((want - have)) sql
  sql="INSERT INTO tickets (product_id, email, name, version, subject, state, lane, queued_at, queue_seq, lang, channel, resolved_at, created_at, updated_at, credentials_given)
       SELECT (SELECT id FROM products LIMIT 1), 'buyer' || (g % $buyers) || '@example.com', 'Buyer', '3.7.27', 'Old question ' || g, 'closed', 1,
              CURRENT_TIMESTAMP, 0, 'en', 'api', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, FALSE FROM series;
       INSERT INTO messages (ticket_id, author, body, internal, channel, created_at)
       SELECT id, 'customer', 'The export stopped working after the update; ' || subject, FALSE, 'api', created_at
       FROM tickets WHERE id > $(max_id);"
  if [ "$backend" = postgres ]; then
    psql -q "$DATABASE_URL" -c "BEGIN; CREATE TEMP TABLE series AS SELECT generate_series(1, $add) AS g; $sql COMMIT;" >/dev/null
  else
    python3 - "$work/data/guichet.db" <<PY
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.executescript("""BEGIN;
CREATE TEMP TABLE series AS WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < $add) SELECT g FROM s;
$sql
COMMIT;""")
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
PY
  fi
}
max_id() {
  if [ "$backend" = postgres ]; then psql -tAq "$DATABASE_URL" -c 'SELECT coalesce(max(id), 0) FROM tickets'
  else python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT coalesce(max(id),0) FROM tickets").fetchone()[0])' "$work/data/guichet.db"; fi
}

ceiling=$(python3 "$here/sqlite-ceiling.py" "$work" 10 "${GUICHET_SQLITE_SYNCHRONOUS^^}")
echo "$ceiling"
# The same disk with guichet's schema (indexes, triggers, search index), one ticket and eight
# tickets per transaction: what is left of the ceiling once the schema pays its share.
if [ "$backend" = sqlite ]; then
  for group in 1 8; do
    python3 "$here/schema-ceiling.py" "$work/data/guichet.db" 5 "${GUICHET_SQLITE_SYNCHRONOUS^^}" "$group"
  done
fi
hz=$(getconf CLK_TCK)
# Marks the mails left pending by the previous round as sent, so that a round does not start
# by draining them (a restarted outbox sends its backlog at once, even when paused by
# GUICHET_OUTBOX_INTERVAL_MS): each round measures its own tickets and their own mails.
settle_outbox() {
  local sql="UPDATE outbox SET state = 'sent', sent_at = CURRENT_TIMESTAMP WHERE state = 'pending'"
  if [ "$backend" = postgres ]; then psql -q "$DATABASE_URL" -c "$sql" >/dev/null
  else python3 -c 'import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); db.execute(sys.argv[2]); db.commit()' "$work/data/guichet.db" "$sql"; fi
}

for stage in $stages; do
  grow "$stage"
  settle_outbox
  start
  # Warm-up: the page cache and the connection pool, not counted.
  ports=($(cat "$work/ports"))
  wrk -t 2 -c 2 -d 3s -s "$here/intake.lua" "http://127.0.0.1:${ports[0]}" >/dev/null
  for c in $concurrency; do
    before=$(stored); cpu0=$(cpu_ticks)
    # One wrk per process, the connections split between them.
    wpids=()
    for i in "${!ports[@]}"; do
      share=$(( c / processes + (i < c % processes ? 1 : 0) ))
      [ "$share" -eq 0 ] && continue
      GUICHET_BENCH_LAT_FILE="$work/lat.$i" wrk -t "$share" -c "$share" -d "${duration}s" --timeout 10s \
        -s "$here/intake.lua" "http://127.0.0.1:${ports[$i]}" > "$work/wrk.$i" &
      wpids+=($!)
    done
    wait "${wpids[@]}"
    cpu1=$(cpu_ticks); after=$(stored)
    python3 - "$work" "$backend" "$processes" "$before" "$after" "$c" "$duration" $((cpu1 - cpu0)) "$hz" "$(peak_rss_kib)" <<'PY'
import glob, json, re, sys
work, backend, procs, before, after, c, duration, ticks, hz, rss = sys.argv[1:]
lat = sorted(float(x) for f in glob.glob(f"{work}/lat.*") for x in open(f) if x.strip())
statuses = {}
for f in glob.glob(f"{work}/wrk.*"):
    m = re.search(r'\{"statuses":\{(.*?)\}', open(f).read())
    for k, v in re.findall(r'"(\d+)":(\d+)', m.group(1) if m else ""):
        statuses[k] = statuses.get(k, 0) + int(v)
created = int(after) - int(before)
pct = lambda p: round(lat[min(len(lat) - 1, int(p / 100 * len(lat)))] / 1000, 2) if lat else None
print(json.dumps({
    "backend": backend, "processes": int(procs), "stored_before": int(before), "concurrency": int(c),
    "tickets_per_s": round(created / float(duration)), "statuses": statuses,
    "p50_ms": pct(50), "p90_ms": pct(90), "p99_ms": pct(99), "p999_ms": pct(99.9),
    "max_ms": round(lat[-1] / 1000, 2) if lat else None,
    "cpu_ms_per_ticket": round(int(ticks) * 1000 / int(hz) / max(created, 1), 3),
    "peak_rss_mib": round(int(rss) / 1024, 1),
}))
PY
    rm -f "$work"/lat.* "$work"/wrk.*
  done
  stop
done
