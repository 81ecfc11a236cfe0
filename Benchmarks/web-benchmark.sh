#!/usr/bin/env bash
# Web benchmark (issue #4): wrk, 10 s and 32 connections per route, against a release build of `tripact serve --demo`.
# Reports each route's requests per second as a ratio to a trivial route in the same run, and its p99 latency.
# Targets: agreement view and export each >= 50 % of the trivial route's requests per second, p99 <= 20 ms.
# Usage: Benchmarks/web-benchmark.sh   (needs wrk and curl: apt-get install wrk curl)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 2; }

swift build -c release --static-swift-stdlib --product tripact >/dev/null
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
.build/release/tripact serve --demo --port "$port" --db "$work/tripact.sqlite" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
# The banner is printed before the socket listens: wait for an answer, not for the banner.
for _ in $(seq 100); do curl -sf "$base/health" >/dev/null && break; sleep 0.2; done

email=paul.martin@atlantis.example
password=$(awk -v e="$email" '$1 == e { print $2 }' "$work/serve.log")
curl -s -c "$work/jar" -b "$work/jar" "$base/login" -o "$work/login.html"
token=$(grep -o 'name="_csrf" value="[^"]*"' "$work/login.html" | head -1 | sed 's/.*value="//; s/"//')
curl -s -c "$work/jar" -b "$work/jar" -o /dev/null --data-urlencode "email=$email" --data-urlencode "password=$password" --data-urlencode "_csrf=$token" "$base/login"
session=$(awk '$6 == "tripact_session" { print $7 }' "$work/jar")
[ -n "$session" ] || { echo "could not log in" >&2; exit 1; }

run() { # name path [header] -> "rps p99ms"
    local out
    out=$(wrk -t2 -c32 -d10s --latency -H "Cookie: tripact_session=$session" ${3:+-H "$3"} "$base$2")
    local rps p99
    rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
    p99=$(echo "$out" | awk '$1 == "99%" { v=$2; if (v ~ /us$/) { sub(/us/, "", v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v=v*1000 }; print v }')
    echo "$rps $p99"
}

read -r trivial_rps trivial_p99 < <(run trivial /health)
read -r view_rps view_p99 < <(run view "/agreements/lumen-telecom-atlantis-dpa")
# The agreement page as browsers ask for it (gzip, from pieces compressed once per cached page).
read -r viewgz_rps viewgz_p99 < <(run view-gzip "/agreements/lumen-telecom-atlantis-dpa" "Accept-Encoding: gzip")
read -r export_rps export_p99 < <(run export "/agreements/lumen-telecom-atlantis-dpa/versions/3")
# What a browser asks for: every browser sends Accept-Encoding: gzip.
read -r gzip_rps gzip_p99 < <(run export-gzip "/agreements/lumen-telecom-atlantis-dpa/versions/3" "Accept-Encoding: gzip")
printf '%-28s %10s req/s   p99 %7s ms\n' "trivial route (/health)" "$trivial_rps" "$trivial_p99"
printf '%-28s %10s req/s   p99 %7s ms   %5.1f %% of trivial\n' "agreement view" "$view_rps" "$view_p99" "$(echo "$view_rps * 100 / $trivial_rps" | bc -l)"
printf '%-28s %10s req/s   p99 %7s ms   %5.1f %% of trivial\n' "agreement view, gzip" "$viewgz_rps" "$viewgz_p99" "$(echo "$viewgz_rps * 100 / $trivial_rps" | bc -l)"
printf '%-28s %10s req/s   p99 %7s ms   %5.1f %% of trivial\n' "export (print preview, v3)" "$export_rps" "$export_p99" "$(echo "$export_rps * 100 / $trivial_rps" | bc -l)"
printf '%-28s %10s req/s   p99 %7s ms   %5.1f %% of trivial\n' "export, gzip (as browsers)" "$gzip_rps" "$gzip_p99" "$(echo "$gzip_rps * 100 / $trivial_rps" | bc -l)"
