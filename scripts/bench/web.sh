#!/usr/bin/env bash
# Measures the dashboard's time to the first complete map in headless Chromium (issue 6), on the demo
# province and on a large one, against the baseline of fetching and parsing the same snapshot in the
# same browser without drawing it; and the size of the built bundle.
# Usage: bash scripts/bench/web.sh [SITES ...]   (default: 1500 150000)
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$ROOT/scripts/lib/web.sh"
cd "$ROOT"

SIZES=("${@:-1500 150000}")
[ $# -eq 0 ] && SIZES=(1500 150000)
WORK=$(mktemp -d /tmp/situation-web.XXXXXX)
PORT=5094
URL=http://127.0.0.1:$PORT
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

chromium_install
server_publish
web_build
GEO=$(geo_dir || true)
echo "bundle: $(du -cb web/dist/assets/*.js | tail -1 | cut -f1) bytes of JavaScript ($(cat web/dist/assets/index-*.js | gzip -9 | wc -c) gzipped, main chunk), $(du -cb web/dist/assets/*.css | tail -1 | cut -f1) bytes of CSS"
for sites in "${SIZES[@]}"; do
  dotnet "$SERVER_PUBLISHED" --urls "$URL" --webroot "$ROOT/web/dist" \
    --Situation:DataDir "$WORK/$sites" ${GEO:+--Situation:GeoDir "$GEO"} --Situation:Demo:BtsCount "$sites" "${BENCH_ARGS[@]}" \
    --Logging:LogLevel:Default Warning >"$WORK/server-$sites.log" 2>&1 &
  PID=$!
  until curl -sf -o /dev/null "$URL/healthz"; do kill -0 "$PID" || { cat "$WORK/server-$sites.log"; exit 1; }; sleep 1; done
  curl -sf -o /dev/null -H "authorization: Bearer $(bench_token "$URL")" "$URL/api/situation"   # indexes warm
  (cd web && node e2e/first-map.mjs "$URL" "$SITUATION_PASSWORD" 3)
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
done
