#!/usr/bin/env bash
# Starts (or stops) the real servers the test suite talks to, on this machine only:
# a throw-away PostgreSQL cluster and a CUPS server with a cups-pdf queue.
# Writes .test-services.env with the variables the tests read. Idempotent.
#
# Where the servers keep their data: as root, PostgreSQL runs as the postgres user and CUPS's
# filters as lp, and neither may be able to enter the checkout (root's home, a `mktemp -d`
# folder). So root keeps it in /var/tmp/returnsdesk-test-<hash of checkout and ports>, a
# folder this script creates, owns and hands the pieces of to those users. Anyone else runs
# the cluster as themselves in .test-services inside the checkout (CUPS needs root).
# A checkout whose .test-services already holds a cluster keeps using it.
set -euo pipefail
cd "$(dirname "$0")/.."
envfile="$PWD/.test-services.env"
pg_port="${RETURNSDESK_TEST_PG_PORT:-55432}"
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

if [ "$(id -u)" -eq 0 ] && { [ -L .test-services ] || [ ! -s .test-services/pg/PG_VERSION ]; }; then
  key=$(printf '%s:%s:%s' "$PWD" "$pg_port" "${RETURNSDESK_TEST_CUPS_PORT:-56631}" |
    sha256sum | cut -c1-16)
  root="/var/tmp/returnsdesk-test-$key"
  if [ -e "$root" ] && { [ -L "$root" ] || [ "$(stat -c %u "$root")" != 0 ]; }; then
    echo "$root exists and is not root's own folder; remove it and run again" >&2
    exit 1
  fi
else
  root="$PWD/.test-services"
fi

as_pg() {  # PostgreSQL refuses to run as root; its user may not enter the checkout
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

start_pg() {
  local data="$root/pg"
  if [ ! -s "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" -eq 0 ] && chown -R postgres: "$root/pg"
    as_pg "$pgbin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_pg "$pgbin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    port_taken "$pg_port" PostgreSQL RETURNSDESK_TEST_PG_PORT
    as_pg "$pgbin/pg_ctl" -D "$data" -w -l "$data/server.log" \
      -o "-p $pg_port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" \
      start >/dev/null
  fi
  echo "RETURNSDESK_TEST_PG=postgresql+psycopg://postgres@127.0.0.1:$pg_port/postgres" >>"$envfile.tmp"
}

# A port another checkout's test servers hold: say which and the ways out, and stop.
port_taken() {  # PORT WHAT VARIABLE
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null || return 0
  local holder="another program" f
  for f in /var/tmp/returnsdesk-test-*/checkout "$PWD"/../*/.test-services/checkout; do
    [ -f "$f" ] && [ "$(dirname "$f")" != "$root" ] && grep -qx "$1" "$(dirname "$f")/ports" \
      2>/dev/null && holder="the checkout $(cat "$f")"
  done
  echo "make test: port $1 ($2) is held by $holder; stop it there with 'make clean'," \
    "or pick free ports here: $3=<port> make test" >&2
  exit 1
}

stop_pg() {
  [ -d "$root/pg" ] && as_pg "$pgbin/pg_ctl" -D "$root/pg" -m fast stop >/dev/null 2>&1 || true
}

# CUPS: see scripts/cups-test-server.sh (sourced when present)
start_cups() { :; }
stop_cups() { :; }
[ -f scripts/cups-test-server.sh ] && . scripts/cups-test-server.sh

case "${1:-start}" in
  start)
    mkdir -p "$root"
    chmod 755 "$root"
    echo "$PWD" >"$root/checkout"  # named when another checkout finds these ports taken
    printf '%s\n' "$pg_port" "${RETURNSDESK_TEST_CUPS_PORT:-56631}" >"$root/ports"
    : >"$envfile.tmp"
    start_pg
    start_cups
    mv "$envfile.tmp" "$envfile"
    ;;
  stop)
    stop_pg
    stop_cups
    ;;
  clean)  # stop, then remove the servers' data
    stop_pg
    stop_cups
    rm -rf "$root"
    ;;
  where)  # the folder holding the servers' data
    echo "$root"
    ;;
esac
