#!/usr/bin/env bash
# Runs Situation in the embedded default: one process, state in ./data/situation.db, the demo
# province loaded on first start. Needs the .NET SDK, and Node.js with npm to build the dashboard.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$ROOT"

URL=${ASPNETCORE_URLS:-http://localhost:5080}
args=(--urls "$URL" --webroot "$ROOT/web/dist" --Situation:DataDir "$ROOT/data")
if geo=$(geo_dir); then args+=(--Situation:GeoDir "$geo"); fi

source "$ROOT/scripts/lib/web.sh"
report_font_install
server_publish
web_build
echo "Situation is starting on $URL — open $URL/ (API explorer at $URL/docs)"
exec dotnet "$SERVER_PUBLISHED" "${args[@]}" "$@"
