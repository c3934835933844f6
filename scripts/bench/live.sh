#!/usr/bin/env bash
# Measures the live path with the load tool: sustained reports/s accepted; latency from the send (the
# tool's own clock) to client receipt at a fixed offered rate with many connected clients; and single
# reports (one POST each, 64 in flight) — for the platform (embedded default, demo province) and, in
# the same run, for the bare forwarding baseline.
# Usage: bash scripts/bench/live.sh [RATE] [CLIENTS] [SECONDS]   (defaults 1000 200 20)
# SERVER_DLL=<path to Situation.Server.dll> measures another build (say, the commit before a change)
# with this tree's load tool. WEBHOOK=<url> first registers a webhook there for site and flag changes
# (a URL nobody answers is a receiver that fails every try: its retries run beside the load).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
cd "$ROOT"

RATE=${1:-1000}
CLIENTS=${2:-200}
SECONDS_=${3:-20}
WORK=$(mktemp -d /tmp/situation-live.XXXXXX)
PORT=5098
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

dotnet build -c Release -nologo -v quiet Situation.sln >/dev/null
server_publish
bench_server_start "$PORT" "$WORK"
if [ -n "${WEBHOOK:-}" ]; then
  curl -sf -o /dev/null -H "authorization: Bearer $(bench_token "http://127.0.0.1:$PORT")" -H 'content-type: application/json' \
    -d "{\"url\":\"$WEBHOOK\",\"events\":[\"site\",\"flag\"]}" "http://127.0.0.1:$PORT/api/webhooks"
  echo "webhook registered: $WEBHOOK (site and flag changes)"
fi

TOOL=(dotnet tests/Situation.LoadTool/bin/Release/net10.0/Situation.LoadTool.dll)
echo "== sustained throughput (feeds send back to back, no clients)"
"${TOOL[@]}" --url "http://127.0.0.1:$PORT" --max --feeds 4 --batch 200 --clients 0 --seconds "$SECONDS_" || true
"${TOOL[@]}" --baseline --max --feeds 4 --batch 200 --clients 0 --seconds "$SECONDS_" || true
echo "== latency at $RATE reports/s with $CLIENTS clients (and flag probes: report -> flag change)"
"${TOOL[@]}" --url "http://127.0.0.1:$PORT" --rate "$RATE" --feeds 4 --batch 50 --clients "$CLIENTS" --seconds "$SECONDS_" --flag-probes 200 || true
"${TOOL[@]}" --baseline --rate "$RATE" --feeds 4 --batch 50 --clients "$CLIENTS" --seconds "$SECONDS_" || true
echo "== single reports, 64 in flight, $CLIENTS clients"
"${TOOL[@]}" --url "http://127.0.0.1:$PORT" --max --single --in-flight 64 --clients "$CLIENTS" --seconds "$SECONDS_" || true
"${TOOL[@]}" --baseline --max --single --in-flight 64 --clients "$CLIENTS" --seconds "$SECONDS_" || true
