#!/usr/bin/env bash
# Measures report -> flag change end to end on a large synthetic province (issue 4): SITES bts sites
# and ZONES active quarantine zones (1 km squares near random sites), with the load tool's flag probes
# under a modest background load, and the server's memory after it and at rest.
# Usage: bash scripts/bench/flags-large.sh [SITES] [ZONES]
# SERVER_DLL=<path to Situation.Server.dll> measures another build (say, the commit before a change).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
cd "$ROOT"

SITES=${1:-150000}
ZONES=${2:-2000}
WORK=$(mktemp -d /tmp/situation-flags.XXXXXX)
PORT=5095
URL=http://127.0.0.1:$PORT
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

dotnet build -c Release -nologo -v quiet Situation.sln >/dev/null
server_publish
GEO=$(geo_dir || true)
now_ms() { date +%s%3N; }
t0=$(date +%s)
dotnet "${SERVER_DLL:-$SERVER_PUBLISHED}" --urls "$URL" --Situation:DataDir "$WORK" \
  ${GEO:+--Situation:GeoDir "$GEO"} --Situation:Demo:BtsCount "$SITES" "${BENCH_ARGS[@]}" --Logging:LogLevel:Default Warning \
  --Logging:LogLevel:Situation.Server.Hosting.MemoryAtRest Information >"$WORK/server.log" 2>&1 &
PID=$!
until curl -sf -o /dev/null "$URL/healthz"; do kill -0 "$PID" || { cat "$WORK/server.log"; exit 1; }; sleep 1; done
AUTH="authorization: Bearer $(bench_token "$URL")"
export AUTH
curl -sf -H "$AUTH" -o /dev/null "$URL/api/flags"   # waits for the flag engine to take in the whole province
echo "province of $SITES sites ready, flags derived, after $(( $(date +%s) - t0 )) s; server RSS $(rss_mb "$PID") MB"

# Zones: 1 km squares centred near every (SITES/ZONES)-th bts.
curl -sf -H "$AUTH" "$URL/api/sites" -o "$WORK/sites.json"
grep -o '"coordinates":\[[0-9.]*,[0-9.]*\]},"properties":{"id":"bts-' "$WORK/sites.json" |
  awk -F'[][,]' -v every=$(( SITES / ZONES )) 'NR % every == 0 {print $2, $3}' | head -n "$ZONES" |
  awk '{printf "{\"type\":\"Feature\",\"id\":\"zone-%04d\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]},\"properties\":{\"name\":\"Vùng %d\"}}\n", NR, $1-0.0046,$2-0.0045, $1+0.0046,$2-0.0045, $1+0.0046,$2+0.0045, $1-0.0046,$2+0.0045, $1-0.0046,$2-0.0045, NR}' \
  > "$WORK/zones.ndjson"
# One request per zone, eight at a time from one curl (a process per request cost the machine more
# than the server's work did): a config entry per zone, "next" between them.
awk -v url="$URL/api/zones" -v auth="$AUTH" '{gsub(/\\/,"\\\\"); gsub(/"/,"\\\""); if (NR > 1) print "next";
  printf "url = \"%s\"\nheader = \"%s\"\nheader = \"content-type: application/json\"\ndata = \"%s\"\noutput = \"/dev/null\"\nwrite-out = \"%%{http_code}\\n\"\n", url, auth, $0}' \
  "$WORK/zones.ndjson" > "$WORK/zones.curl"
t1=$(now_ms)
echo "posting $(wc -l <"$WORK/zones.ndjson") zones"
curl -s -Z --parallel-max 8 -K "$WORK/zones.curl" | sort | uniq -c
echo "zones posted after $(( $(now_ms) - t1 )) ms"
# Asks again while the flags grain is still taking the zones in (a call waits at most Orleans' 30 s).
for _ in $(seq 40); do curl -sf -H "$AUTH" -o /dev/null "$URL/api/flags" && break; done
echo "zones in and flags derived after $(( $(now_ms) - t1 )) ms; server RSS $(rss_mb "$PID") MB"

dotnet tests/Situation.LoadTool/bin/Release/net10.0/Situation.LoadTool.dll --url "$URL" --rate 200 --feeds 2 --batch 20 \
  --clients 20 --seconds 30 --flag-probes 100 || true
echo "server RSS after the load: $(rss_mb "$PID") MB"
# At rest the node compacts its heap once (MemoryAtRest, within two of its 30 s checks).
wait_at_rest "$WORK/server.log"
echo "server RSS at rest: $(rss_mb "$PID") MB ($(grep -o 'heap compacted[^"]*' "$WORK/server.log" | tail -1))"
