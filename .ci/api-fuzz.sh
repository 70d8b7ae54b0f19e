#!/usr/bin/env bash
# Property-based fuzzing of the JSON API from its own OpenAPI document (schemathesis): no request
# may get a 5xx, and every answer must have a documented status, content type and schema.
# Generated requests must reach the handlers: each token is run against the operations its scope
# may call, an operation that answers only 401/403 fails the run, and the `reaches_handler` check
# (.ci/fuzz_hooks.py) fails on the router's own 404 and 405 for a documented path and method, so
# a parameter documented in the wrong place or a route missing from the server shows up here.
# Schema-invalid data must be refused with a 4xx, other methods must answer 405 with an Allow
# header, and a request without a token must be refused.
# Runs the debug binary that `cargo test` built, over a demo database.
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
PORTAL_TOKEN="$(awk '/customer portal/ {print $NF}' "$DATA/demo.txt" | sed 's#.*/##')"
INTAKE_TOKEN="$("$BIN" --data-dir "$DATA" token add fuzz-intake --scope intake)"
PURCHASES_TOKEN="$("$BIN" --data-dir "$DATA" token add fuzz-purchases --scope purchases)"
if [ -z "$AGENT_TOKEN" ] || [ -z "$PORTAL_TOKEN" ]; then
  echo "API fuzz: the demo did not print an agent token and a portal link" >&2
  exit 1
fi

CHECKS=not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance
CHECKS=$CHECKS,negative_data_rejection,unsupported_method,allow_header_conformance,ignored_auth
CHECKS=$CHECKS,reaches_handler,path_parameters_match_template
# The hooks module registers the last two checks; schemathesis keeps its cache in the working
# folder, so it runs in the temporary one.
export PYTHONPATH="$(cd "$(dirname "$0")" && pwd)${PYTHONPATH:+:$PYTHONPATH}"
export SCHEMATHESIS_HOOKS=fuzz_hooks
cat > "$DATA/schemathesis.toml" <<'TOML'
[warnings]
fail-on = ["missing_auth", "unmatched_filter"]
TOML
cd "$DATA"

# fuzz TOKEN OPERATION_ID_REGEX: the operations (utoipa names them after their handlers) that
# the token's scope may call.
fuzz() {
  python3 -m schemathesis.cli --config-file "$DATA/schemathesis.toml" run \
    "http://127.0.0.1:$PORT/api/v1/openapi.json" \
    --url "http://127.0.0.1:$PORT" \
    -H "Authorization: Bearer $1" \
    --include-operation-id-regex "$2" \
    --checks "$CHECKS" \
    --max-examples 30 --no-color
}
fuzz "$INTAKE_TOKEN" '^create$'
fuzz "$PURCHASES_TOKEN" '^(upsert|extend|add_release)$'
fuzz "$AGENT_TOKEN" '^(list|take|show)$'
fuzz "$PORTAL_TOKEN" '^(show|reply)$'
echo "API fuzz: no server error; every operation reached its handler; statuses, content types and bodies as documented"
