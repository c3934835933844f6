#!/usr/bin/env bash
# A hostile-input campaign: the fuzz tests (tests/Situation.Tests/Security/FuzzTests.cs and
# EdgeFuzzTests.cs) with many random mutations per endpoint instead of the test run's sample of 40 —
# every body endpoint gets malformed JSON, wrong types, huge numbers, odd Unicode, invalid GeoJSON and
# odd ids; every read gets hostile query strings; reads and a write get hostile headers (credentials,
# forwarding, negotiation); the hub gets hostile invocations through the real SignalR client. Every
# answer must be a 4xx problem+json or a success, never a 5xx, never a change behind a 4xx; a hub call
# is refused to its caller without closing the connection or logging an error; the node must be
# healthy at the end. Prints the count by status.
# Usage: bash scripts/fuzz.sh [MUTATIONS_PER_ENDPOINT] [SEED]   (defaults 6300 — over 100,000 cases, each with its probe of the audit trail — and 20210128)
# Needs the embedded default only; builds the solution and the dashboard first.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/scripts/lib/web.sh"
cd "$ROOT"

export SITUATION_FUZZ_MUTATIONS=${1:-6300}
export SITUATION_FUZZ_SEED=${2:-20210128}
SITUATION_TEST_GEODIR=$(geo_dir || true)
export SITUATION_TEST_GEODIR
dotnet build -c Release -nologo -v quiet Situation.sln >/dev/null
web_build
log=$(mktemp /tmp/situation-fuzz.XXXXXX)
if dotnet test tests/Situation.Tests -c Release --no-build -nologo --filter "FullyQualifiedName~Situation.Tests.Security.FuzzTests|FullyQualifiedName~Situation.Tests.Security.EdgeFuzzTests" \
    --logger "console;verbosity=detailed" >"$log" 2>&1; then
  grep -E "endpoints, [0-9]+ cases|header and query cases|hub invocations" "$log" | sed 's/^ *//'
  echo "fuzz campaign passed (log: $log)"
else
  grep -E "endpoints, [0-9]+ cases|Error Message|Assert" -A3 "$log" | head -60
  echo "fuzz campaign FAILED (log: $log)"
  exit 1
fi
