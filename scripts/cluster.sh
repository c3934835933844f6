#!/usr/bin/env bash
# Runs Situation as a cluster on this machine: N nodes (each a silo with the web API and the hub) on
# distinct ports, state and membership in PostgreSQL, pushes across nodes through Redis.
#   bash scripts/cluster.sh start [N]   (default 3) — starts PostgreSQL and Redis too unless configured
#   bash scripts/cluster.sh stop        — stops the nodes gracefully, then what it started
#   bash scripts/cluster.sh status
# Uses ConnectionStrings__Postgres / ConnectionStrings__Redis when set; otherwise starts private
# servers (Debian packages) in ./cluster. Node i listens on http://127.0.0.1:(5080+i) and silo port
# 11110+i (no Orleans gateway). The signing key, the admin password and the cluster certificate
# (silo links are mutual TLS with it) are made once into ./cluster.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/scripts/lib/postgres.sh"
source "$ROOT/scripts/lib/redis.sh"
source "$ROOT/scripts/lib/web.sh"
cd "$ROOT"

DIR=$ROOT/cluster
PG_PORT=${SITUATION_CLUSTER_PG_PORT:-55499}
REDIS_PORT=${SITUATION_CLUSTER_REDIS_PORT:-56499}
DLL=$SERVER_PUBLISHED

# One self-signed certificate for the whole cluster: a node admits a peer only if it holds this one.
make_cluster_certificate() {
  [ -f "$DIR/cluster.pfx" ] && return
  if ! command -v openssl >/dev/null; then
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q openssl >/dev/null
  fi
  (
    umask 077
    head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$DIR/cluster.pfx.password"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj /CN=situation-cluster \
      -keyout "$DIR/cluster.key" -out "$DIR/cluster.crt" 2>/dev/null
    openssl pkcs12 -export -inkey "$DIR/cluster.key" -in "$DIR/cluster.crt" -out "$DIR/cluster.pfx" \
      -passout "pass:$(cat "$DIR/cluster.pfx.password")"
    rm -f "$DIR/cluster.key"
  )
}

start() {
  local n=${1:-3}
  mkdir -p "$DIR/logs" "$DIR/nodes"
  if [ -z "${ConnectionStrings__Postgres:-}" ]; then
    postgres_install
    postgres_start "$DIR/pg" "$PG_PORT"
    runuser -u postgres -- "$(postgres_bin)/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tc \
      "SELECT 1 FROM pg_database WHERE datname = 'situation'" | grep -q 1 ||
      runuser -u postgres -- "$(postgres_bin)/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres situation
    export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=situation"
    touch "$DIR/started-postgres"
  fi
  if [ -z "${ConnectionStrings__Redis:-}" ]; then
    redis_install
    redis_start "$DIR/redis" "$REDIS_PORT"
    export ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
    touch "$DIR/started-redis"
  fi
  [ -f "$DIR/signing.key" ] || (umask 077; head -c 32 /dev/urandom | base64 >"$DIR/signing.key")
  [ -f "$DIR/admin.password" ] || (umask 077; head -c 12 /dev/urandom | base64 | tr -d '/+=' >"$DIR/admin.password")
  make_cluster_certificate
  server_publish
  web_build
  GEO=$(geo_dir || true)
  for i in $(seq 1 "$n"); do
    local pid_file=$DIR/nodes/$i.pid
    if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then continue; fi
    # The schema is applied by each node at start (idempotent, behind an advisory lock).
    Situation__Mode=cluster Situation__Auth__SigningKey="$(cat "$DIR/signing.key")" \
    Situation__Auth__AdminPassword="$(cat "$DIR/admin.password")" \
    Situation__Cluster__Certificate="$DIR/cluster.pfx" Situation__Cluster__CertificatePassword="$(cat "$DIR/cluster.pfx.password")" \
      nohup dotnet "$DLL" --urls "http://127.0.0.1:$((5080 + i))" --webroot "$ROOT/web/dist" \
        --Situation:DataDir "$DIR/nodes/$i" --Situation:SiloPort $((11110 + i)) \
        ${GEO:+--Situation:GeoDir "$GEO"} >"$DIR/logs/node-$i.log" 2>&1 &
    echo $! >"$pid_file"
  done
  for i in $(seq 1 "$n"); do
    until curl -sf -o /dev/null "http://127.0.0.1:$((5080 + i))/healthz"; do
      kill -0 "$(cat "$DIR/nodes/$i.pid")" 2>/dev/null || { echo "node $i exited:"; tail -20 "$DIR/logs/node-$i.log"; exit 1; }
      sleep 0.5
    done
    echo "node $i ready on http://127.0.0.1:$((5080 + i))"
  done
  echo "admin password: $(cat "$DIR/admin.password") (in $DIR/admin.password)"
}

stop() {
  for pid_file in "$DIR"/nodes/*.pid; do
    [ -f "$pid_file" ] || continue
    local pid
    pid=$(cat "$pid_file")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    fi
    rm -f "$pid_file"
  done
  if [ -f "$DIR/started-redis" ]; then redis_stop "$REDIS_PORT" || true; rm -f "$DIR/started-redis"; fi
  if [ -f "$DIR/started-postgres" ]; then postgres_stop "$DIR/pg" || true; rm -f "$DIR/started-postgres"; fi
  echo "stopped"
}

status() {
  for pid_file in "$DIR"/nodes/*.pid; do
    [ -f "$pid_file" ] || continue
    local i
    i=$(basename "$pid_file" .pid)
    curl -s "http://127.0.0.1:$((5080 + i))/healthz" || echo "node $i: not answering"
    echo
  done
}

case "${1:-}" in
  start) start "${2:-3}" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: bash scripts/cluster.sh start [N] | stop | status"; exit 2 ;;
esac
