#!/usr/bin/env bash
# Runs the fault suite (or the fault tests matching FILTER) RUNS times in a row and prints how many
# runs passed: a fault test that fails now and then is a defect, and this is how one is caught.
# Usage: bash scripts/faults-repeat.sh [RUNS] [FILTER]   (defaults 10, every fault test)
# Needs what scripts/test.sh installs (PostgreSQL, Redis); builds the solution first.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/scripts/lib/postgres.sh"
source "$ROOT/scripts/lib/redis.sh"
cd "$ROOT"

RUNS=${1:-10}
FILTER=${2:-}
postgres_install
redis_install
SITUATION_TEST_GEODIR=$(geo_dir || true)
export SITUATION_TEST_GEODIR
dotnet build -c Release -nologo -v quiet Situation.sln >/dev/null

filter="FullyQualifiedName~Situation.Tests.Faults."
[ -n "$FILTER" ] && filter="$filter&FullyQualifiedName~$FILTER"
passed=0
for run in $(seq 1 "$RUNS"); do
  log=$(mktemp /tmp/situation-faults.XXXXXX)
  if dotnet test tests/Situation.Tests -c Release --no-build -nologo --filter "$filter" \
      --logger "console;verbosity=detailed" >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "run $run: passed ($(grep -cE '^\s+Passed ' "$log") tests)"
  else
    echo "run $run: FAILED"
    # The failed test, its message and what it printed; the whole log is kept for a closer look.
    grep -E '^\s+Failed |Error Message|is behind|Not within|did not hold' -A6 "$log" | head -40
    cp "$log" "/tmp/situation-faults-failed-run-$run.log"
    echo "  (full log: /tmp/situation-faults-failed-run-$run.log)"
  fi
  grep -E '^\s+(Redis|SIGKILL|SIGSTOP|graceful|PostgreSQL)[^:]*: load' "$log" | sed 's/^ */  /' || true
  rm -f "$log"
done
echo "$passed of $RUNS runs passed"
[ "$passed" -eq "$RUNS" ]
