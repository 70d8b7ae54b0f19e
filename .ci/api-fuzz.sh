#!/usr/bin/env bash
# Property-based fuzzing of the JSON API from its own OpenAPI document (schemathesis): no request
# may get a 5xx, and every answer must have a documented status, content type and schema.
# Runs the debug binary that `cargo test` built, over a demo database, once with each token scope.
set -euo pipefail
BIN="${CARGO_TARGET_DIR:?}/debug/guichet"
PORT="${GUICHET_FUZZ_PORT:-18181}"
DATA="$(mktemp -d)"
export GUICHET_SECRET_KEY="$(printf '5a%.0s' $(seq 1 32))"

# Called as a module, so it works whether or not pip's script folder is on PATH. The tests proper
# do not depend on it: if PyPI cannot be reached after three tries this extra suite says it was
# skipped, unless GUICHET_TEST_REQUIRE lists `fuzz`.
installed() { python3 -m schemathesis.cli --version >/dev/null 2>&1; }
for _ in 1 2 3; do
  installed && break
  python3 -m pip install --quiet --disable-pip-version-check schemathesis || sleep 5
done
if ! installed; then
  case ",${GUICHET_TEST_REQUIRE:-}," in
    *,fuzz,*) echo "API fuzz: schemathesis could not be installed and the suite is required" >&2; exit 1 ;;
  esac
  echo "SKIPPED: API fuzzing (schemathesis could not be installed from PyPI)"
  exit 0
fi

"$BIN" --data-dir "$DATA" serve --demo --bind "127.0.0.1:$PORT" > "$DATA/demo.txt" 2> "$DATA/server.log" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done

AGENT_TOKEN="$(awk '/agent API token/ {print $NF}' "$DATA/demo.txt")"
INTAKE_TOKEN="$("$BIN" --data-dir "$DATA" token add fuzz-intake --scope intake)"
PURCHASES_TOKEN="$("$BIN" --data-dir "$DATA" token add fuzz-purchases --scope purchases)"

for token in "$INTAKE_TOKEN" "$PURCHASES_TOKEN" "$AGENT_TOKEN"; do
  python3 -m schemathesis.cli run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
    --url "http://127.0.0.1:$PORT" \
    -H "Authorization: Bearer $token" \
    --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance \
    --max-examples 30 --no-color
done
echo "API fuzz: no server error; statuses, content types and bodies as documented"
