# Shared helpers for the project's scripts.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

_apt_updated=""
apt_update_once() {
  if [ -z "$_apt_updated" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    _apt_updated=1
  fi
}

# The province pack beside the repository, when it is there.
geo_dir() {
  local dir
  dir=$(cd "$ROOT/.." && pwd)/shared/data/gialai
  [ -d "$dir" ] && echo "$dir"
}

# The server as run.sh, cluster.sh and the benchmarks run it: published with ReadyToRun, so that its
# code and its libraries' (Orleans, NetTopologySuite, ...) come compiled ahead of time and a start
# does not wait for the JIT — about 0.4 s sooner on the demo province (README, Performance). Tests
# use the plain build; they start a server once.
SERVER_PUBLISHED="$ROOT/build/server/Situation.Server.dll"
server_publish() {
  local rid
  rid=linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')
  dotnet publish "$ROOT/src/Situation.Server" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
    -nologo -v quiet -o "$ROOT/build/server" >/dev/null
}

# Benchmarks sign in like any client: the demo accounts get a known password, and the per-caller
# rate limits are lifted so that the load, not the limiter, is what gets measured.
export SITUATION_PASSWORD=bench-password
BENCH_ARGS=(--Situation:Demo:Password "$SITUATION_PASSWORD" --Situation:Limits:RequestsPerSecond 1000000 --Situation:Limits:Burst 1000000)

# The admin's bearer token from the server at $1.
bench_token() {
  curl -sf -H 'content-type: application/json' -d "{\"username\":\"admin\",\"password\":\"$SITUATION_PASSWORD\"}" "$1/api/auth/login" |
    sed -E 's/.*"token":"([^"]+)".*/\1/'
}

# Starts the platform (embedded default, demo province) in the background on port $1 with its data
# in folder $2 and any further arguments as settings; SERVER_DLL picks another build than the published one. Sets PID and
# returns once the server answers /healthz.
bench_server_start() {
  local port=$1 work=$2 geo
  shift 2
  geo=$(geo_dir || true)
  dotnet "${SERVER_DLL:-$SERVER_PUBLISHED}" --urls "http://127.0.0.1:$port" \
    --Situation:DataDir "$work" ${geo:+--Situation:GeoDir "$geo"} "${BENCH_ARGS[@]}" "$@" --Logging:LogLevel:Default Warning >"$work/server.log" 2>&1 &
  PID=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do
    kill -0 "$PID" 2>/dev/null || { cat "$work/server.log"; return 1; }
    sleep 0.1
  done
}

# Resident memory of process $1, in MB.
rss_mb() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }

# Waits, at most two minutes, until the server whose log is $1 compacts its heap at rest once more
# (Hosting/MemoryAtRest logs "At rest: ..." at Information: start it with
# --Logging:LogLevel:Situation.Server.Hosting.MemoryAtRest Information).
wait_at_rest() {
  local log=$1 trims
  trims=$(grep -c '"At rest' "$log" || true)
  for _ in $(seq 120); do [ "$(grep -c '"At rest' "$log" || true)" -gt "$trims" ] && break; sleep 1; done
}

# Seconds of CPU (user + system) a process has used so far.
cpu_seconds() {
  local ticks
  ticks=$(cut -d')' -f2 "/proc/$1/stat" | awk '{print $12 + $13}')
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", t / hz }'
}

# The situation report's PDF embeds a font with Vietnamese diacritics: DejaVu Sans, from Debian's
# fonts-dejavu-core (on most machines already). Without it the PDF is refused with 503, saying so.
report_font_install() {
  if ! [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing the report's font (Debian package fonts-dejavu-core)…"
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends fonts-dejavu-core >/dev/null
  fi
}
