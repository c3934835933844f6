#!/usr/bin/env bash
# What a client moves to recover from a node's death, beside what a reload would move: the SIGKILL
# fault (three real nodes over PostgreSQL and Redis, 100 reports/s) on a province of BTS sites. The
# surviving node that mends the death logs what it sent again ("Republished N entities … (B bytes of
# data)"); the test prints the size of the whole picture (GET /api/situation) beside it.
# Usage: bash scripts/bench/recovery.sh [BTS]   (default 150000; the test run uses 300)
# Needs what scripts/test.sh installs (PostgreSQL, Redis); builds the solution first.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$ROOT/scripts/lib/postgres.sh"
source "$ROOT/scripts/lib/redis.sh"
cd "$ROOT"

export SITUATION_FAULT_BTS=${1:-150000}
# A node takes minutes to start with 150,000 sites on two cores.
export SITUATION_TEST_START_SECONDS=900
postgres_install
redis_install
SITUATION_TEST_GEODIR=$(geo_dir || true)
export SITUATION_TEST_GEODIR
dotnet build -c Release -nologo -v quiet Situation.sln >/dev/null
log=$(mktemp /tmp/situation-recovery.XXXXXX)
status=0
dotnet test tests/Situation.Tests -c Release --no-build -nologo \
  --filter "FullyQualifiedName~Situation.Tests.Faults.FaultTests.A_node_killed_under_load_loses_no_acknowledged_report_and_its_clients_converge_on_another_node" \
  --logger "console;verbosity=detailed" >"$log" 2>&1 || status=$?
echo "province: $SITUATION_FAULT_BTS bts sites"
grep -E '^\s+SIGKILL[^:]*: load|a full reload moves|Republished|a client reloaded' "$log" | sed 's/^ */  /' | sort -u
[ "$status" -eq 0 ] || { grep -E 'Error Message' -A6 "$log" | head -20; echo "recovery run FAILED (log: $log)"; exit 1; }
