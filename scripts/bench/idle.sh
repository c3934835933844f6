#!/usr/bin/env bash
# CPU of an idle node: the platform (embedded default, demo province, no clients, no reports) and, in
# the same run, the bare baseline (an ASP.NET Core + SignalR host that does nothing), each measured
# from /proc over WINDOW seconds once SETTLE seconds have passed since it answered.
# Usage: bash scripts/bench/idle.sh [WINDOW] [SETTLE]   (defaults 60 30)
# SERVER_DLL=<path to Situation.Server.dll> measures another build.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
cd "$ROOT"

WINDOW=${1:-60}
SETTLE=${2:-30}
WORK=$(mktemp -d /tmp/situation-idle.XXXXXX)
PORT=5097
PID=""
BASELINE_PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; [ -n "$BASELINE_PID" ] && kill "$BASELINE_PID" 2>/dev/null; rm -rf "$WORK"' EXIT

# Percent of one core a process uses over WINDOW seconds.
measure() {
  local before after
  before=$(cpu_seconds "$1")
  sleep "$WINDOW"
  after=$(cpu_seconds "$1")
  awk -v b="$before" -v a="$after" -v w="$WINDOW" 'BEGIN { printf "%.2f %% of a core (%.2f s of CPU in %d s)", 100 * (a - b) / w, a - b, w }'
}

dotnet build -c Release -nologo -v quiet Situation.sln >/dev/null
server_publish
bench_server_start "$PORT" "$WORK"
sleep "$SETTLE"
echo "platform, idle (demo province, no clients): $(measure "$PID")"
kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""

dotnet tests/Situation.LoadTool/bin/Release/net10.0/Situation.LoadTool.dll --baseline --idle $((SETTLE + WINDOW + 30)) >"$WORK/baseline.log" 2>&1 &
BASELINE_PID=$!
until grep -q "baseline idle" "$WORK/baseline.log"; do
  kill -0 "$BASELINE_PID" 2>/dev/null || { cat "$WORK/baseline.log"; exit 1; }
  sleep 0.1
done
sleep "$SETTLE"
echo "bare baseline, idle: $(measure "$BASELINE_PID")"
