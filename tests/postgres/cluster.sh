#!/usr/bin/env bash
# cluster.sh start|restart|stop STATE_DIR: the throw-away PostgreSQL cluster the `postgres` tests
# run on.
#
# start: makes a cluster in a fresh folder under /tmp, starts it on a free loopback port (no
# other socket), and writes into STATE_DIR the admin URL (`url`) and the cluster's folder
# (`cluster`). restart: stops it (fast: sessions are cut) and starts it again on the same port, as
# a server's reboot does (tests/integration/center_test.cpp). stop: stops it and removes the
# folder. PostgreSQL refuses to run as root: as root
# the cluster belongs to `nobody`. It is for tests only: trust authentication on loopback, and
# fsync off unless RS_POSTGRES_DURABLE=1 (bench/center: the figures of a center's own settings).
set -euo pipefail
action=${1:?start, restart or stop}
state=$(realpath -m "${2:?state folder}")
cd /tmp  # the cluster's owner may not be allowed into the caller's folder
bin=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d | sort -V | tail -n 1)
[[ -x $bin/initdb ]] || { echo "PostgreSQL's server programs are missing (postgresql-15): run scripts/install-deps.sh" >&2; exit 1; }

as_owner() {
    if [[ $(id -u) == 0 ]]; then runuser -u nobody -- "$@"; else "$@"; fi
}

stop_cluster() {
    [[ -f $state/cluster ]] || return 0
    local cluster
    cluster=$(cat "$state/cluster")
    if [[ -d $cluster/data ]]; then
        as_owner "$bin/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$cluster"
    rm -f "$state/cluster" "$state/url"
}

case $action in
start)
    mkdir -p "$state"
    stop_cluster  # one left by an interrupted run
    cluster=$(mktemp -d /tmp/rs-postgres.XXXXXX)
    chmod 755 "$cluster"
    [[ $(id -u) == 0 ]] && chown nobody "$cluster"
    echo "$cluster" > "$state/cluster"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/initdb" -D "$cluster/data" -U rs --auth=trust -E UTF8 --locale=C.UTF-8 \
        --no-sync > "$cluster/initdb.log" 2>&1 || { cat "$cluster/initdb.log" >&2; exit 1; }
    # Room for every test's connections at once (each station test opens a few), and a test
    # cluster's speed: nothing is kept after the run, so nothing is flushed.
    flushing="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [[ ${RS_POSTGRES_DURABLE:-0} == 1 ]] && flushing=""
    as_owner "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
        -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c max_connections=400 \
            $flushing -c shared_buffers=64MB" start > /dev/null \
        || { cat "$cluster/server.log" >&2; exit 1; }
    echo "postgresql://rs@127.0.0.1:$port/postgres" > "$state/url"
    echo "PostgreSQL test cluster on 127.0.0.1:$port ($cluster)"
    ;;
restart)
    cluster=$(cat "$state/cluster")
    as_owner "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -m fast -w -t 60 restart \
        > /dev/null 2>&1 \
        || { cat "$cluster/server.log" >&2; exit 1; }
    ;;
stop)
    stop_cluster
    ;;
*)
    echo "usage: cluster.sh start|restart|stop STATE_DIR" >&2
    exit 2
    ;;
esac
