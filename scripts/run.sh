#!/usr/bin/env bash
# Runs Situation in the embedded default: one process, state in ./data/situation.db, the demo
# province loaded on first start. Needs only the .NET SDK (and Node.js for the dashboard).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$ROOT"

URL=${ASPNETCORE_URLS:-http://localhost:5080}
args=(--urls "$URL" --webroot "$ROOT/web/public" --Situation:DataDir "$ROOT/data")
if geo=$(geo_dir); then args+=(--Situation:GeoDir "$geo"); fi

dotnet build -c Release -v quiet -nologo src/Situation.Server >/dev/null
echo "Situation is starting on $URL — open $URL/ (API explorer at $URL/docs)"
exec dotnet src/Situation.Server/bin/Release/net10.0/Situation.Server.dll "${args[@]}" "$@"
