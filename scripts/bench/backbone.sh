#!/usr/bin/env bash
# Measures the backbone (issue 2): start-up of the embedded default on a fresh and on a warm data
# folder, GET /api/situation time and size, and process memory — with the demo province and with a
# province of SITES sites. The baseline in the same run: the same snapshot bytes served as a static
# file by the same Kestrel, i.e. the cost of moving the bytes without building them.
# Usage: bash scripts/bench/backbone.sh [SITES]   (default 150000; 0 measures the demo province only)
# SERVER_DLL=<path to Situation.Server.dll> measures another build (say, the commit before a change).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
cd "$ROOT"

SITES=${1:-150000}
RUNS=10
WORK=$(mktemp -d /tmp/situation-bench.XXXXXX)
PORT=5099
URL=http://127.0.0.1:$PORT
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

server_publish
DLL=${SERVER_DLL:-$SERVER_PUBLISHED}
GEO=$(geo_dir || true)

now_ms() { date +%s%3N; }

# start NAME BTS: starts a node on data folder NAME; READY_MS is the time until /healthz answered.
start() {
  local dir=$WORK/$1 bts=$2 t0
  mkdir -p "$dir/www"
  t0=$(now_ms)
  dotnet "$DLL" --urls "$URL" --webroot "$dir/www" --Situation:DataDir "$dir" ${GEO:+--Situation:GeoDir "$GEO"} \
    --Situation:Demo:BtsCount "$bts" "${BENCH_ARGS[@]}" --Logging:LogLevel:Default Warning \
    --Logging:LogLevel:Situation.Server.Hosting.MemoryAtRest Information >"$dir/server.log" 2>&1 &
  PID=$!
  until curl -sf -o /dev/null "$URL/healthz"; do
    kill -0 "$PID" 2>/dev/null || { cat "$dir/server.log"; exit 1; }
    sleep 0.05
  done
  READY_MS=$(( $(now_ms) - t0 ))
  AUTH="authorization: Bearer $(bench_token "$URL")"
}

stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""; }

# median of RUNS timings (seconds, curl's time_total) of one URL
median_get() {
  local path=$1
  for _ in $(seq $RUNS); do curl -s -H "$AUTH" -o /dev/null -w '%{time_total}\n' "$URL$path"; done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

measure() {
  local name=$1 bts=$2 fresh warm first size snap static rss rest
  start "$name" "$bts"; fresh=$READY_MS
  # A restart is of a node that has run: one stopped before its flag engine first finished has no
  # flags stored, and its successor's first snapshot waits for the engine as a first start does
  # (which of the two a stop right after readiness measured was down to the shutdown's timing).
  curl -sf -m 300 -H "$AUTH" -o /dev/null "$URL/api/flags"
  stop
  start "$name" "$bts"; warm=$READY_MS
  # The first read after a restart activates the indexes, which rebuild their views from the entity grains.
  first=$(curl -s -H "$AUTH" -o "$WORK/$name/www/snapshot.json" -w '%{time_total}' "$URL/api/situation")
  size=$(stat -c %s "$WORK/$name/www/snapshot.json")
  snap=$(median_get /api/situation)
  static=$(median_get /snapshot.json)
  rss=$(rss_mb "$PID")
  # Then at rest: the node compacts its heap once a whole 30 s check saw it allocate next to nothing.
  wait_at_rest "$WORK/$name/server.log"
  rest=$(rss_mb "$PID")
  stop
  awk -v n="$name" -v f="$fresh" -v w="$warm" -v x="$first" -v s="$size" -v a="$snap" -v b="$static" -v r="$rss" -v q="$rest" 'BEGIN {
    printf "%-14s | %7d ms | %7d ms | %8.0f ms | %7.1f MB | %7.0f ms | %7.0f ms | %5d MB | %5d MB\n", n, f, w, x * 1000, s / 1048576, a * 1000, b * 1000, r, q }' 
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; median of $RUNS GETs"
echo "province       | start fresh | start warm | 1st snapshot after restart | snapshot size | GET /api/situation (median) | same bytes as a static file | RSS after | RSS at rest"
measure demo 1500
[ "$SITES" = 0 ] || measure "sites-$SITES" "$SITES"
