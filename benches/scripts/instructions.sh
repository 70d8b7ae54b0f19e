#!/usr/bin/env bash
# Instructions per API intake, counted by callgrind: unlike wall or CPU time, the count does not
# move with what else the machine is doing, so two builds compare fairly on a busy machine.
#
#   benches/scripts/instructions.sh BINARY [REQUESTS]
#
# Seeds a fresh SQLite desk with the binary's own commands, starts `serve` under callgrind,
# sends 20 warm-up tickets, zeroes the counters, sends REQUESTS tickets (default 300) one after
# another with curl, and prints the instructions per ticket of the server process.
set -euo pipefail
bin=$(realpath "$1")
requests=${2:-300}
dir=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "keeping $dir" >&2 || trap 'rm -rf "$dir"' EXIT
export GUICHET_SECRET_KEY=$(printf '07%.0s' $(seq 32))
export GUICHET_LOG=warn GUICHET_RATE_LIMITS=false
g() { "$bin" --data-dir "$dir/data" "$@"; }
g product add shop --name Shop >/dev/null
for v in 3.7.26 3.7.27 3.7.28; do g release add shop "$v" >/dev/null; done
g purchase add --order O-1 --email alice@example.com --product shop --date "$(date +%F)" >/dev/null
token=$(g token add bench --scope intake)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$dir" && valgrind --tool=callgrind --callgrind-out-file="$dir/cg.%p" \
  "$bin" --data-dir "$dir/data" serve --bind "127.0.0.1:$port" >/dev/null 2>"$dir/valgrind.log") &
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
body='{"email":"alice@example.com","name":"Alice","product":"shop","version":"3.7.28","subject":"Blank invoices","body":"Every invoice is blank since the update."}'
post() { curl -sf -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$port/api/v1/tickets"; }
for _ in $(seq 1 20); do post; done
pid=$(pgrep -f "callgrind.*127.0.0.1:$port" | head -n1)
callgrind_control -z "$pid" >/dev/null 2>&1
for _ in $(seq 1 "$requests"); do post; done
callgrind_control -d "$pid" >/dev/null 2>&1
sleep 1
kill "$pid"; wait || true
total=$(grep -h "^summary:" "$dir"/cg.*.1 | awk "{print \$2}")
echo "{\"binary\":\"$1\",\"requests\":$requests,\"instructions_per_ticket\":$((total / requests))}"
