#!/usr/bin/env bash
# Installs what the tests need (PostgreSQL, Redis, Chromium, promtool and GDAL from Debian's packages, the JavaScript
# SignalR client and the dashboard's packages from npm), starts the servers privately, builds, runs
# every test (.NET, the dashboard's unit tests, the browser tests), and ends with one line:
# "N passed, N failed" (", N skipped" when any were). Screenshots of the browser tests go to artifacts/.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/scripts/lib/postgres.sh"
source "$ROOT/scripts/lib/redis.sh"
source "$ROOT/scripts/lib/web.sh"
source "$ROOT/scripts/lib/tools.sh"
cd "$ROOT"

postgres_install
redis_install
chromium_install
tools_install
npm ci --prefix tests/js --no-audit --no-fund --loglevel=error

WORK=$(mktemp -d /tmp/situation-test.XXXXXX)
chmod 755 "$WORK"
cleanup() {
  [ -n "${REDIS_PORT:-}" ] && redis_stop "$REDIS_PORT"
  postgres_stop "$WORK/pg"
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
  local port=$1
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}
PG_PORT=$(free_port 55432)
postgres_start "$WORK/pg" "$PG_PORT"
export SITUATION_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
REDIS_PORT=$(free_port 56379)
redis_start "$WORK/redis" "$REDIS_PORT"
export SITUATION_TEST_REDIS="127.0.0.1:$REDIS_PORT"
SITUATION_TEST_GEODIR=$(geo_dir || true)
export SITUATION_TEST_GEODIR
export SITUATION_TEST_ARTIFACTS="$ROOT/artifacts"
rm -rf "$SITUATION_TEST_ARTIFACTS"

# Kiota, which generates the C# client the tests build from the API description, is a local dotnet tool.
dotnet tool restore >/dev/null
dotnet build -c Release -nologo -v quiet Situation.sln
# After the server: the dashboard's types come from the API description its build writes.
web_build
set +e
# The dashboard's own unit tests (the client state store, CSV reading), reported as JUnit.
(cd web && npx vitest run --reporter=dot --reporter=junit --outputFile.junit="$WORK/results/web-unit.junit.xml") 2>&1 | grep -vE '^\s*$'
# The console shows failures in full and a line per test project; the summary below counts from TRX.
dotnet test Situation.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$WORK/results" 2>&1 | grep -vE '^\s*$' 
set -e

passed=0 failed=0 skipped=0 files=0
for trx in "$WORK"/results/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed) + $(count error) + $(count timeout) + $(count aborted)))
  skipped=$((skipped + $(count notExecuted)))
done
for junit in "$WORK"/results/*.junit.xml; do
  [ -f "$junit" ] || continue
  files=$((files + 1))
  suites=$(grep -o '<testsuites [^>]*>' "$junit")
  attr() { echo "$suites" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  total=$(attr tests) fails=$(( $(attr failures) + $(attr errors) )) skips=$(attr skipped)
  passed=$((passed + total - fails - skips))
  failed=$((failed + fails))
  skipped=$((skipped + skips))
done
if [ "$files" -eq 0 ]; then
  echo "No test results were written: the test run itself failed."
  failed=$((failed + 1))
fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
