# Starts a private PostgreSQL server (Debian's packages) in a folder of its own, on loopback.
# Source this file, then: postgres_start DIR PORT; postgres_stop DIR.

postgres_install() {
  if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    echo "Installing PostgreSQL (Debian package)…"
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
  fi
}

postgres_bin() {
  ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1
}

# postgres_start DIR PORT: a fresh cluster owned by the postgres user, trust auth on 127.0.0.1 only.
postgres_start() {
  local dir=$1 port=$2 bin
  bin=$(postgres_bin)
  mkdir -p "$dir"
  chown postgres:postgres "$dir"
  if [ ! -f "$dir/PG_VERSION" ]; then
    runuser -u postgres -- "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  runuser -u postgres -- "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=400" start >/dev/null
}

postgres_stop() {
  local dir=$1
  [ -f "$dir/postmaster.pid" ] || return 0
  runuser -u postgres -- "$(postgres_bin)/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
}
