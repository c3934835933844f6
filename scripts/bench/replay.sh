#!/usr/bin/env bash
# Replay (issue 17): the picture of a moment rebuilt from history and written as the API writes it,
# from the newest snapshot against folding every record from the start, on the demo province with
# 30 days of 1,000 reports an hour and on a 150,000-site province with one day (BenchmarkDotNet).
# The histories are written once into $TMPDIR/situation-replay-bench-* and kept for later runs.
# Usage: bash scripts/bench/replay.sh
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
cd "$ROOT"
dotnet build -c Release -nologo -v quiet tests/Situation.Benchmarks >/dev/null
GEO=$(geo_dir || true)
SITUATION_GEODIR=${GEO:-} dotnet tests/Situation.Benchmarks/bin/Release/net10.0/Situation.Benchmarks.dll --filter '*ReplayBenchmarks*' "$@"
