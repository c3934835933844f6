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
