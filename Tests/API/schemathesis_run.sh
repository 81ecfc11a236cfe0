#!/usr/bin/env bash
# Runs schemathesis against openapi.yaml and a live `tripact serve --demo` on a free loopback port, with a negotiate
# token from `tripact token create`: every operation, generated inputs, and the checks that no answer is a server error
# and every answer fits the document's schemas. TRIPACT_BINARY names another build (default: swift build's).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
binary=${TRIPACT_BINARY:-$root/.build/debug/tripact}
work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$binary" serve --demo --port "$port" --db "$work/tripact.sqlite" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
    grep -q "tripact serving" "$work/serve.log" && break
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log"; echo "the server exited" >&2; exit 1; }
    sleep 0.2
done
grep -q "tripact serving" "$work/serve.log" || { echo "the server did not start within 60 s" >&2; exit 1; }
token=$("$binary" token create --db "$work/tripact.sqlite" --as jeanne.roux@lumen.example --scope negotiate --days 1 --name schemathesis)
# The rate limit answers 429 (a documented answer) past 10 requests a second; staying under it lets every request
# reach its operation.
schemathesis run openapi.yaml --url "http://127.0.0.1:$port/api/v1" -H "Authorization: Bearer $token" \
    --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance \
    --max-examples "${SCHEMATHESIS_EXAMPLES:-25}" --rate-limit 9/s --suppress-health-check all
