#!/usr/bin/env bash
# Where the CPU time of the write path goes: the platform (embedded default, demo province) under the
# load tool while dotnet-trace samples it, then the samples charged to the machinery they ran in (JSON,
# SQLite, Orleans, SignalR, Kestrel, geometry) and to the part of the platform that ran them (API,
# entity grains, storage, indexes, flag engine, live feed). Also prints the server's CPU and
# allocation rates over the window from dotnet-counters.
# Usage: bash scripts/bench/profile.sh [SECONDS] [LOAD TOOL ARGUMENTS…]
#   (defaults: 20 s of sustained batches, no clients: --max --feeds 4 --batch 200 --clients 0)
# SERVER_DLL=<path to Situation.Server.dll> profiles another build. dotnet-trace and dotnet-counters
# come from NuGet into .tools/ on first use.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
cd "$ROOT"

WINDOW=${1:-20}
shift || true
LOAD=("$@")
[ ${#LOAD[@]} -eq 0 ] && LOAD=(--max --feeds 4 --batch 200 --clients 0)
TOOLS="$ROOT/.tools"
WORK=$(mktemp -d /tmp/situation-profile.XXXXXX)
PORT=5096
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

for tool in dotnet-trace dotnet-counters; do
  [ -x "$TOOLS/$tool" ] || dotnet tool install --tool-path "$TOOLS" "$tool" --version 10.0.750501 >/dev/null
done
dotnet build -c Release -nologo -v quiet Situation.sln >/dev/null
bench_server_start "$PORT" "$WORK"
LOADTOOL=(dotnet tests/Situation.LoadTool/bin/Release/net10.0/Situation.LoadTool.dll)

# A first run warms the server (JIT, tiered compilation, every grain active), as a storm would find it.
"${LOADTOOL[@]}" --url "http://127.0.0.1:$PORT" "${LOAD[@]}" --seconds 10 >/dev/null || true

"${LOADTOOL[@]}" --url "http://127.0.0.1:$PORT" "${LOAD[@]}" --seconds $((WINDOW + 4)) >"$WORK/load.txt" 2>&1 &
LOAD_PID=$!
sleep 2
"$TOOLS/dotnet-trace" collect -p "$PID" --profile dotnet-sampled-thread-time --duration "00:00:00:$WINDOW" \
  -o "$WORK/write-path.nettrace" >/dev/null
wait "$LOAD_PID" || true
"${LOADTOOL[@]}" --url "http://127.0.0.1:$PORT" "${LOAD[@]}" --seconds "$WINDOW" >/dev/null &
LOAD_PID=$!
sleep 2
"$TOOLS/dotnet-counters" collect -p "$PID" --counters System.Runtime --refresh-interval "$((WINDOW - 4))" \
  --duration "00:00:00:$((WINDOW - 3))" --format csv -o "$WORK/counters.csv" >/dev/null
wait "$LOAD_PID" || true

echo "== load during the trace"
cat "$WORK/load.txt"
echo "== server counters under the same load (last interval)"
grep -E "process.cpu.time|gc.heap.total_allocated|thread_pool.work_item.count|gc.collections|lock_contentions" "$WORK/counters.csv" \
  | tail -n 9 | cut -d, -f3,5 | sed 's/^/  /'
echo "== CPU breakdown"
"$TOOLS/dotnet-trace" convert --format speedscope "$WORK/write-path.nettrace" -o "$WORK/write-path" >/dev/null
"${LOADTOOL[@]}" --cpu-breakdown "$WORK/write-path.speedscope.json"
