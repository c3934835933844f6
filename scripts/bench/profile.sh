#!/usr/bin/env bash
# Where the CPU time of the write path goes: the platform (embedded default, demo province) under the
# load tool while dotnet-trace samples it, then the samples charged to the machinery they ran in (JSON,
# SQLite, Orleans, SignalR, Kestrel, geometry) and to the part of the platform that ran them (API,
# entity grains, storage, indexes, flag engine, live feed). Also prints the server's CPU over the window.
# Usage: bash scripts/bench/profile.sh [SECONDS] [LOAD TOOL ARGUMENTS…]
#   (defaults: 20 s of sustained batches, no clients: --max --feeds 4 --batch 200 --clients 0)
# SERVER_DLL=<path to Situation.Server.dll> profiles another build. dotnet-trace comes from NuGet into .tools/ on
# first use.
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

[ -x "$TOOLS/dotnet-trace" ] || dotnet tool install --tool-path "$TOOLS" dotnet-trace --version 10.0.750501 >/dev/null
dotnet build -c Release -nologo -v quiet Situation.sln >/dev/null
server_publish
bench_server_start "$PORT" "$WORK"
LOADTOOL=(dotnet tests/Situation.LoadTool/bin/Release/net10.0/Situation.LoadTool.dll)

# A first run warms the server (JIT, tiered compilation, every grain active), as a storm would find it.
"${LOADTOOL[@]}" --url "http://127.0.0.1:$PORT" "${LOAD[@]}" --seconds 10 >/dev/null || true

"${LOADTOOL[@]}" --url "http://127.0.0.1:$PORT" "${LOAD[@]}" --seconds $((WINDOW + 4)) >"$WORK/load.txt" 2>&1 &
LOAD_PID=$!
sleep 2
cpu_before=$(cpu_seconds "$PID")
"$TOOLS/dotnet-trace" collect -p "$PID" --profile dotnet-sampled-thread-time --duration "00:00:00:$WINDOW" \
  -o "$WORK/write-path.nettrace" >/dev/null
cpu_after=$(cpu_seconds "$PID")
wait "$LOAD_PID" || true

echo "== load during the trace"
cat "$WORK/load.txt"
echo "== server CPU during the trace: $(awk -v b="$cpu_before" -v a="$cpu_after" -v w="$WINDOW" 'BEGIN { printf "%.2f cores (%.1f s of CPU in %d s)", (a - b) / w, a - b, w }')"
echo "== CPU breakdown"
"$TOOLS/dotnet-trace" convert --format speedscope "$WORK/write-path.nettrace" -o "$WORK/write-path" >/dev/null
"${LOADTOOL[@]}" --cpu-breakdown "$WORK/write-path.speedscope.json"
