#!/bin/bash
# A throwaway PostgreSQL cluster on loopback for the hub tests (issue 20; shared/TOOLCHAIN.md):
#   pg-cluster.sh start DIR PORT   — initdb + start, prints nothing; fails with the server log
#   pg-cluster.sh stop DIR         — immediate stop, removes DIR
# The tests connect with "host=DIR port=PORT user=postgres dbname=postgres" (a Unix socket in
# DIR; trust authentication, nothing listens beyond 127.0.0.1). initdb refuses root: as root
# the cluster runs as the `postgres` system user.
set -euo pipefail
action="$1"; dir="$2"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/initdb" ] || { echo "pg-cluster: PostgreSQL server binaries not found (apt install postgresql)" >&2; exit 1; }
as=()
if [ "$(id -u)" -eq 0 ]; then as=(runuser -u postgres --); fi
case "$action" in
  start)
    port="$3"
    if [ -f "$dir/data/postmaster.pid" ]; then "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o \
      "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200" \
      start >/dev/null || { cat "$dir/log" >&2; exit 1; }
    ;;
  stop)
    [ -d "$dir/data" ] && "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: pg-cluster.sh start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
