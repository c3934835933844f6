# Starts a private Redis server (Debian's package) on loopback, with no persistence.
# Source this file, then: redis_start DIR PORT; redis_stop PORT.

redis_install() {
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "Installing Redis (Debian package)…"
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null
  fi
}

redis_start() {
  local dir=$1 port=$2
  mkdir -p "$dir"
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.1; done
}

redis_stop() {
  local port=$1
  redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
}
