# Sourced by bench/run-all.sh: installs, starts and stops the persisting peers by pid.
#   peers_install   npm ci (socket.io + pg), apt-get (wrk, python3-fastapi/-uvicorn/-asyncpg,
#                   ejabberd)
#   peers_start     fresh databases, starts each peer of $PEERS, waits until it answers
#   peers_stop      stops the processes peers_start started, by pid
#   peers_args      the load generator's key=value arguments for them
# Needs from the caller: ROOT, LOGS, STAMP, PGHOST, PGPORT, PGUSER, BENCH_DB.
# Env: PEERS ("socketio fastapi ejabberd"), SOCKETIO_PORT (8091), FASTAPI_PORT (8092),
#      EJABBERD_PORT (8093).

PEERS=${PEERS-"socketio fastapi ejabberd"}
SOCKETIO_PORT=${SOCKETIO_PORT:-8091}
FASTAPI_PORT=${FASTAPI_PORT:-8092}
EJABBERD_PORT=${EJABBERD_PORT:-8093}
SOCKETIO_DB=${BENCH_DB}_socketio
FASTAPI_DB=${BENCH_DB}_fastapi
EJABBERD_DB=${BENCH_DB}_ejabberd
# Debian's packages install into the system Python, whatever python3 comes first on PATH.
PEER_PYTHON=${PEER_PYTHON:-/usr/bin/python3}
declare -A PEER_PIDS=()
PEERS_STARTED=""

peer_wanted() { [[ " $PEERS " == *" $1 "* ]]; }

# apt-get as root, or through sudo when it needs no password; otherwise nothing.
peer_apt() {
  local runner=()
  if [ "$(id -u)" != 0 ]; then
    if sudo -n true 2>/dev/null; then runner=(sudo); else
      echo "peers: not root and no password-less sudo: install $* by hand" >&2
      return 1
    fi
  fi
  # Installing ejabberd would start the system's ejabberd service; the bench runs its own.
  local policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | "${runner[@]}" tee "$policy" >/dev/null
    "${runner[@]}" chmod +x "$policy"
  fi
  local rc=0
  if ! "${runner[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" \
      > "$LOGS/apt-$STAMP.log" 2>&1; then
    "${runner[@]}" apt-get update -q >> "$LOGS/apt-$STAMP.log" 2>&1
    "${runner[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" \
      >> "$LOGS/apt-$STAMP.log" 2>&1 || rc=$?
  fi
  [ -n "$policy" ] && "${runner[@]}" rm -f "$policy"
  return $rc
}

peer_missing_debs() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  echo "${missing[@]}"
}

peers_install() {
  if peer_wanted socketio && [ ! -d "$ROOT/bench/peers/socketio-pg/node_modules" ]; then
    (cd "$ROOT/bench/peers/socketio-pg" && npm ci --no-audit --no-fund)
  fi
  # wrk drives the history scenario's open-loop mode, for every target alike.
  local debs=(wrk)
  if peer_wanted fastapi; then
    # uvicorn[standard]'s extras, from Debian: uvloop, httptools, websockets.
    debs+=(python3-fastapi python3-uvicorn python3-asyncpg python3-uvloop python3-httptools
      python3-websockets)
  fi
  if peer_wanted ejabberd; then
    # erlang-p1-pgsql is the PostgreSQL driver, only "suggested" by the ejabberd package.
    debs+=(ejabberd erlang-p1-pgsql)
  fi
  local missing
  missing=$(peer_missing_debs "${debs[@]}")
  if [ -n "$missing" ]; then
    echo "peers: installing $missing"
    # shellcheck disable=SC2086
    peer_apt $missing || echo "peers: apt-get install failed, see $LOGS/apt-$STAMP.log"
  fi
}

peer_fresh_db() {
  dropdb --if-exists "$1" && createdb "$1"
}

# peer_wait <name> <url>: up to 30 s for any HTTP answer; fails if the process died.
peer_wait() {
  local name=$1 url=$2
  for _ in $(seq 1 300); do
    if curl -s -o /dev/null "$url" 2>/dev/null; then return 0; fi
    kill -0 "${PEER_PIDS[$name]}" 2>/dev/null || { echo "peers: $name died, see $LOGS"; return 1; }
    sleep 0.1
  done
  echo "peers: $name not answering at $url"
  return 1
}

peers_start() {
  local started=()
  if peer_wanted socketio; then
    peer_fresh_db "$SOCKETIO_DB"
    (cd "$ROOT/bench/peers/socketio-pg" &&
      PORT=$SOCKETIO_PORT DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$SOCKETIO_DB" \
        exec node server.js) > "$LOGS/socketio-$STAMP.log" 2>&1 &
    PEER_PIDS[socketio]=$!
    peer_wait socketio "http://127.0.0.1:$SOCKETIO_PORT/stats" && started+=(socketio)
  fi
  if peer_wanted fastapi; then
    peer_fresh_db "$FASTAPI_DB"
    (cd "$ROOT/bench/peers/fastapi-asyncpg" &&
      DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$FASTAPI_DB" \
        exec "$PEER_PYTHON" -m uvicorn app:app --host 127.0.0.1 --port "$FASTAPI_PORT" \
        --workers 1 --no-access-log --log-level warning) > "$LOGS/fastapi-$STAMP.log" 2>&1 &
    PEER_PIDS[fastapi]=$!
    peer_wait fastapi "http://127.0.0.1:$FASTAPI_PORT/health" && started+=(fastapi)
  fi
  if peer_wanted ejabberd; then
    local dir="$LOGS/ejabberd"
    rm -rf "$dir" && mkdir -p "$dir/spool"
    peer_fresh_db "$EJABBERD_DB"
    psql -q -v ON_ERROR_STOP=1 -d "$EJABBERD_DB" -f /usr/share/ejabberd/sql/pg.sql \
      > "$dir/schema.log" 2>&1 || echo "peers: ejabberd schema failed, see $dir/schema.log"
    sed -e "s|@PORT@|$EJABBERD_PORT|; s|@PGHOST@|$PGHOST|; s|@PGPORT@|$PGPORT|" \
      -e "s|@DB@|$EJABBERD_DB|; s|@PGUSER@|$PGUSER|; s|@HOST@|localhost|" \
      "$ROOT/bench/peers/ejabberd/ejabberd.yml.in" > "$dir/ejabberd.yml"
    # ejabberd's own VM, not the system service: no distribution (no node name, no epmd), its
    # Mnesia spool and log under bench/logs/ejabberd. The pid is beam.smp's (erl execs it).
    (cd "$dir" && EJABBERD_CONFIG_PATH="$dir/ejabberd.yml" EJABBERD_LOG_PATH="$dir/ejabberd.log" \
      ERL_LIBS=/usr/lib/x86_64-linux-gnu ERL_MAX_PORTS=65536 HOME="$dir" \
      exec erl -noinput -noshell +K true +P 1000000 -mnesia dir "\"$dir/spool\"" -s ejabberd) \
      > "$dir/erl.out" 2>&1 &
    PEER_PIDS[ejabberd]=$!
    peer_wait ejabberd "http://127.0.0.1:$EJABBERD_PORT/ws" && started+=(ejabberd)
  fi
  PEERS_STARTED="${started[*]}"
  echo "peers started: ${PEERS_STARTED:-none} (pids: ${PEER_PIDS[*]:-})"
}

peers_stop() {
  local name pid
  for name in "${!PEER_PIDS[@]}"; do
    pid=${PEER_PIDS[$name]}
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null || true
    unset "PEER_PIDS[$name]"
  done
}

# The peers that answered, comma-separated, and their URLs and databases for the load generator.
peers_args() {
  local list=${PEERS_STARTED// /,}
  echo "peers=$list socketio=http://127.0.0.1:$SOCKETIO_PORT fastapi=http://127.0.0.1:$FASTAPI_PORT" \
    "ejabberd=ws://127.0.0.1:$EJABBERD_PORT/ws socketio_db=$SOCKETIO_DB fastapi_db=$FASTAPI_DB" \
    "ejabberd_db=$EJABBERD_DB socketio_pid=${PEER_PIDS[socketio]:-} fastapi_pid=${PEER_PIDS[fastapi]:-}" \
    "ejabberd_pid=${PEER_PIDS[ejabberd]:-}"
}
