#!/usr/bin/env bash
# `make cluster` / `make cluster-stop`: Signaal as it runs on several machines, on this one.
#
#   HAProxy :8100 -> gunicorn :8101, :8102, :8103 (production settings, website.settings.cluster)
#   PostgreSQL primary :5441 (initdb here) -> streaming replica :5442 (pg_basebackup)
#   Redis (the running server, database CLUSTER_REDIS_DB) for cache and sessions
#   two task workers (manage.py db_worker); media in one shared directory
#
# Everything lives under CLUSTER_DIR; every process it starts has a pid file there, and
# `stop` stops exactly those and removes the directory.
set -euo pipefail
cd "$(dirname "$0")/../.."

CLUSTER_DIR="${CLUSTER_DIR:-/tmp/signaal-cluster}"
PYTHON="${PYTHON:-.venv/bin/python}"
GUNICORN="$(dirname "$PYTHON")/gunicorn"
# pg_config comes with libpq's headers; without them, the newest server Debian installed.
PG_BIN="${PG_BIN:-$(pg_config --bindir 2> /dev/null || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}"
PROXY_PORT="${CLUSTER_PROXY_PORT:-8100}"
APP_PORTS=(8101 8102 8103)
PRIMARY_PORT="${CLUSTER_PRIMARY_PORT:-5441}"
REPLICA_PORT="${CLUSTER_REPLICA_PORT:-5442}"
REDIS_DB="${CLUSTER_REDIS_DB:-9}"
REDIS_BASE="${CLUSTER_REDIS:-redis://127.0.0.1:6379}"
DATABASE="signaal_cluster"
# The benchmark (`make bench-cluster`) runs the same cluster with its minimal view added.
SETTINGS="${CLUSTER_SETTINGS:-website.settings.cluster}"

as_postgres() {
  # PostgreSQL refuses to run as root; as another user it runs as that user.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

write_env() {
  cat > "$CLUSTER_DIR/env" <<ENV
export DJANGO_SETTINGS_MODULE=$SETTINGS
export SECRET_KEY=cluster-only-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
export ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL=postgres://postgres@127.0.0.1:$PRIMARY_PORT/$DATABASE
export DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:$REPLICA_PORT/$DATABASE
export REDIS_URL=$REDIS_BASE/$REDIS_DB
export CACHE_KEY_PREFIX=signaal-cluster
export MEDIA_ROOT=$CLUSTER_DIR/media
export CLUSTER_MAIL_DIR=$CLUSTER_DIR/mail
export CLUSTER_DIR=$CLUSTER_DIR
export CLUSTER_PROXY_PORT=$PROXY_PORT
export CLUSTER_APP1_PORT=${APP_PORTS[0]}
export CLUSTER_APP2_PORT=${APP_PORTS[1]}
export CLUSTER_APP3_PORT=${APP_PORTS[2]}
export CLUSTER_REPLICA_DATA=$CLUSTER_DIR/pg/replica
export CLUSTER_PG_BIN=$PG_BIN
export CLUSTER_HAPROXY_SOCKET=$CLUSTER_DIR/haproxy.sock
export WEB_CONCURRENCY=${CLUSTER_WEB_CONCURRENCY:-2}
export PYTHONUNBUFFERED=1
ENV
}

background() {
  # background NAME COMMAND...: start detached, log to logs/NAME.log, pid in pids/NAME.pid.
  local name=$1
  shift
  setsid "$@" > "$CLUSTER_DIR/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$CLUSTER_DIR/pids/$name.pid"
}

wait_for() {
  # wait_for WHAT SECONDS COMMAND...
  local what=$1 seconds=$2
  local deadline=$((SECONDS + seconds))
  shift 2
  while [ "$SECONDS" -lt "$deadline" ]; do
    if "$@" > /dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "$what did not come up within ${seconds}s; logs in $CLUSTER_DIR/logs" >&2
  return 1
}

healthy() {
  # healthy URL: whether it answers 200 (Python's urllib, so that curl is not needed).
  "$PYTHON" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)' "$1"
}

start_postgres() {
  local data=$1 port=$2
  as_postgres "$PG_BIN/pg_ctl" --silent -D "$data" -l "$CLUSTER_DIR/logs/postgres-$port.log" \
    -o "-p $port -k $CLUSTER_DIR/pg -c listen_addresses=127.0.0.1" -w start
}

still_running() {
  # Whether anything a cluster in CLUSTER_DIR started still runs: a pid file whose process
  # is there, or a PostgreSQL server that answers on its data directory.
  local file data
  for file in "$CLUSTER_DIR"/pids/*.pid; do
    [ -e "$file" ] && kill -0 "$(cat "$file")" 2> /dev/null && return 0
  done
  for data in "$CLUSTER_DIR/pg/primary" "$CLUSTER_DIR/pg/replica"; do
    [ -f "$data/postmaster.pid" ] && kill -0 "$(head -1 "$data/postmaster.pid")" 2> /dev/null && return 0
  done
  return 1
}

port_in_use() {
  (echo > "/dev/tcp/127.0.0.1/$1") 2> /dev/null
}

start() {
  if [ -e "$CLUSTER_DIR/env" ]; then
    if still_running; then
      echo "A cluster runs already in $CLUSTER_DIR: make cluster-stop first." >&2
      exit 1
    fi
    # Left by a machine or session that stopped without `make cluster-stop`: nothing of it
    # runs (its pid files could name other processes by now, so they are not signalled).
    echo "Removing what a stopped cluster left in $CLUSTER_DIR."
    rm -rf "$CLUSTER_DIR"
  fi
  command -v haproxy > /dev/null || { echo "HAProxy is missing: make check-haproxy" >&2; exit 1; }
  local port
  for port in "$PROXY_PORT" "${APP_PORTS[@]}" "$PRIMARY_PORT" "$REPLICA_PORT"; do
    if port_in_use "$port"; then
      echo "Port $port is taken by another program; the cluster needs it." >&2
      exit 1
    fi
  done
  mkdir -p "$CLUSTER_DIR"/{pids,logs,media,mail}
  install -d -o postgres -g postgres "$CLUSTER_DIR/pg"
  chmod 777 "$CLUSTER_DIR/logs"
  write_env
  # shellcheck disable=SC1091
  . "$CLUSTER_DIR/env"

  echo "PostgreSQL primary on :$PRIMARY_PORT ..."
  as_postgres "$PG_BIN/initdb" --pgdata="$CLUSTER_DIR/pg/primary" --username=postgres \
    --auth=trust --encoding=UTF8 --locale=C.UTF-8 > "$CLUSTER_DIR/logs/initdb.log"
  # A cluster for tests: losing it in a crash costs nothing, and it starts quicker.
  cat >> "$CLUSTER_DIR/pg/primary/postgresql.conf" <<CONF
wal_level = replica
max_wal_senders = 4
hot_standby = on
fsync = off
CONF
  start_postgres "$CLUSTER_DIR/pg/primary" "$PRIMARY_PORT"
  as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres "$DATABASE"

  echo "Schema and demo content ..."
  "$PYTHON" manage.py migrate --no-input -v 0
  # The Dutch demo: what the checks need, without the minutes its translations take.
  "$PYTHON" manage.py load_demo --languages nl --base-url "http://127.0.0.1:$PROXY_PORT" \
    > "$CLUSTER_DIR/logs/load_demo.log"
  "$PYTHON" manage.py collectstatic --no-input -v 0

  echo "Streaming replica on :$REPLICA_PORT (pg_basebackup) ..."
  as_postgres "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres \
    --pgdata="$CLUSTER_DIR/pg/replica" --write-recovery-conf --wal-method=stream --checkpoint=fast
  start_postgres "$CLUSTER_DIR/pg/replica" "$REPLICA_PORT"

  echo "App servers on :${APP_PORTS[*]}, two task workers, HAProxy on :$PROXY_PORT ..."
  local i
  for i in 1 2 3; do
    PORT=${APP_PORTS[$((i - 1))]} HOST=127.0.0.1 \
      background "app$i" "$GUNICORN" website.wsgi --config deploy/gunicorn.conf.py
  done
  for i in 1 2; do
    background "worker$i" "$PYTHON" manage.py db_worker
  done
  background haproxy haproxy -f deploy/cluster/haproxy.cfg -db
  for port in "${APP_PORTS[@]}"; do
    wait_for "The app server on :$port" 60 healthy "http://127.0.0.1:$port/health/"
  done
  wait_for HAProxy 10 healthy "http://127.0.0.1:$PROXY_PORT/health/"
  echo "Signaal runs at http://127.0.0.1:$PROXY_PORT/ (make cluster-check, make cluster-stop)."
}

stop_started() {
  # TERM to everything at once (gunicorn lets requests finish, the workers their task),
  # then KILL what still runs after 15 s.
  local file pids=()
  for file in "$CLUSTER_DIR"/pids/*.pid; do
    [ -e "$file" ] && pids+=("$(cat "$file")")
  done
  [ ${#pids[@]} -gt 0 ] || return 0
  kill -TERM "${pids[@]}" 2> /dev/null || true
  for _ in $(seq 150); do
    kill -0 "${pids[@]}" 2> /dev/null || break
    sleep 0.1
  done
  kill -KILL "${pids[@]}" 2> /dev/null || true
  rm -f "$CLUSTER_DIR"/pids/*.pid
}

stop() {
  if [ ! -d "$CLUSTER_DIR" ]; then
    echo "No cluster in $CLUSTER_DIR."
    return 0
  fi
  stop_started
  local data
  for data in "$CLUSTER_DIR/pg/replica" "$CLUSTER_DIR/pg/primary"; do
    if [ -f "$data/postmaster.pid" ]; then
      as_postgres "$PG_BIN/pg_ctl" --silent -D "$data" -m fast -w stop || true
    fi
  done
  # The Redis server was running before and goes on; only this cluster's database is emptied.
  redis-cli -u "$REDIS_BASE/$REDIS_DB" flushdb > /dev/null 2>&1 || true
  rm -rf "$CLUSTER_DIR"
  echo "Cluster stopped."
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
