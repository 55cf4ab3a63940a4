#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1 for integration tests, installing Debian's
# package when no server is present. Prints the TEST_DATABASE_URL on stdout.
#   usage: scripts/test-postgres.sh start [port] | stop
set -euo pipefail
PORT="${2:-55432}"
PGROOT="${PGROOT:-/tmp/tradestream-pg-$PORT}"

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local bin
  bin="$(find_bin)"
  if [ -z "$bin" ]; then
    echo "installing PostgreSQL from Debian's packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    bin="$(find_bin)"
  fi
  rm -rf "$PGROOT"
  mkdir -p "$PGROOT"
  [ "$(id -u)" = "0" ] && chown postgres "$PGROOT"
  as_postgres "$bin/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 >/dev/null
  as_postgres "$bin/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -k $PGROOT -c fsync=off -c max_connections=200" start >&2
  as_postgres "$bin/createdb" -h 127.0.0.1 -p "$PORT" -U postgres tradestream_test
  echo "postgres://postgres@127.0.0.1:$PORT/tradestream_test"
}

stop() {
  local bin
  bin="$(find_bin)"
  [ -n "$bin" ] && [ -d "$PGROOT/data" ] && as_postgres "$bin/pg_ctl" -D "$PGROOT/data" -m fast -w stop >&2 || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start [port] | stop [port]" >&2; exit 64 ;;
esac
