#!/usr/bin/env bash
# Runs Parley's benchmark suite side by side with its peers and pgbench, on loopback: the Node `ws`
# broadcast server (bench/peer) and the persisting peers of bench/peers (socket.io + pg, FastAPI +
# uvicorn + asyncpg, ejabberd with MUC and mod_mam in PostgreSQL; see bench/peers/README.md).
# Scenarios 2 (fan-out), 3 (persisted sends) and 4 (history) run against every peer that started.
# Usage: bench/run-all.sh [scenario...]   (default: all; names: startup idle fanout persist
#        history storm login). Results are appended to bench/results-<timestamp>.md.
# Env: PGHOST/PGPORT/PGUSER (default 127.0.0.1:5432 postgres, trust auth), BENCH_DB (parley_bench,
#      dropped and recreated, and <BENCH_DB>_socketio/_fastapi/_ejabberd for the peers),
#      PARLEY_PORT (8080), PEER_PORT (8090), PEERS ("socketio fastapi ejabberd"; "" for none),
#      SOCKETIO_PORT/FASTAPI_PORT/EJABBERD_PORT (8091/8092/8093), SKIP_BUILD=1,
#      <SCENARIO>_ARGS (extra key=value arguments of one scenario, e.g. PERSIST_ARGS="mode=closed").
# Installs what the peers need (npm ci, apt-get), starts Parley and every peer itself and stops
# only those processes, by pid.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SCENARIOS=${*:-"startup idle fanout persist history storm login"}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
BENCH_DB=${BENCH_DB:-parley_bench}
PARLEY_PORT=${PARLEY_PORT:-8080}
PEER_PORT=${PEER_PORT:-8090}
STAMP=$(date -u +%Y%m%d-%H%M)
OUT=${OUT:-$ROOT/bench/results-$STAMP.md}
LOGS=$ROOT/bench/logs
mkdir -p "$LOGS"
PARLEY_PID=""
PEER_PID=""

# shellcheck source=peers/peers.sh
source "$ROOT/bench/peers/peers.sh"

cleanup() {
  [ -n "$PARLEY_PID" ] && kill "$PARLEY_PID" 2>/dev/null && wait "$PARLEY_PID" 2>/dev/null || true
  [ -n "$PEER_PID" ] && kill "$PEER_PID" 2>/dev/null && wait "$PEER_PID" 2>/dev/null || true
  peers_stop
}
trap cleanup EXIT

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q -pl bootstrap,bench -am package -DskipTests
fi
if [ ! -d bench/peer/node_modules ]; then
  (cd bench/peer && npm ci --no-audit --no-fund)
fi
peers_install
command -v wrk >/dev/null || echo "wrk missing (apt-get failed?): the history scenario's wrk mode needs it"
command -v pgbench >/dev/null || echo "pgbench missing: apt-get install -y postgresql-contrib"

{
  echo "# Parley benchmark run $STAMP"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"
  echo "$(free -g | awk '/Mem:/{print $2}') GiB RAM, $(uname -sr), $(java -version 2>&1 | head -1),"
  echo "node $(node -v), PostgreSQL $(psql -Atc 'show server_version' postgres 2>/dev/null)."
  echo "Load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared)."
  echo "Peers: $(cd bench/peers/socketio-pg 2>/dev/null && node -p \
    '"socket.io " + require("socket.io/package.json").version + ", pg " + require("pg/package.json").version' \
    2>/dev/null); $(dpkg-query -W -f='${Package} ${Version}, ' python3-fastapi python3-uvicorn \
    python3-asyncpg ejabberd erlang-p1-pgsql 2>/dev/null)PostgreSQL fsync=$(psql -Atc 'show fsync' \
    postgres 2>/dev/null), synchronous_commit=$(psql -Atc 'show synchronous_commit' postgres 2>/dev/null)."
} >> "$OUT"

JWT_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')

# start_parley <bcrypt cost>: fresh process on the bench database; measures time to /health.
start_parley() {
  local cost=$1
  local t0 t1
  t0=$(date +%s%N)
  DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$BENCH_DB" \
  PARLEY_JWT_SECRET="$JWT_SECRET" \
  PARLEY_SECURITY_BCRYPT_COST=$cost \
  MICRONAUT_SERVER_PORT=$PARLEY_PORT \
  PARLEY_DATA_DIR="$ROOT/bench/logs/data" \
    java ${PARLEY_JAVA_OPTS:-} -Dmicronaut.config.files="$ROOT/bench/parley-bench.yml" \
    -jar bootstrap/target/parley.jar > "$LOGS/parley-$STAMP-cost$cost.log" 2>&1 &
  PARLEY_PID=$!
  for _ in $(seq 1 600); do
    if curl -fs "http://127.0.0.1:$PARLEY_PORT/health" >/dev/null 2>&1; then break; fi
    kill -0 "$PARLEY_PID" 2>/dev/null || { echo "Parley died; see $LOGS"; exit 1; }
    sleep 0.05
  done
  t1=$(date +%s%N)
  STARTUP_MS=$(( (t1 - t0) / 1000000 ))
  echo "Parley pid $PARLEY_PID healthy after $STARTUP_MS ms (bcrypt cost $cost)"
}

stop_parley() {
  [ -n "$PARLEY_PID" ] && kill "$PARLEY_PID" && wait "$PARLEY_PID" 2>/dev/null || true
  PARLEY_PID=""
}

start_peer() {
  (cd bench/peer && PORT=$PEER_PORT exec node --expose-gc server.js) > "$LOGS/peer-$STAMP.log" 2>&1 &
  PEER_PID=$!
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$PEER_PORT/stats" >/dev/null 2>&1 && break
    sleep 0.05
  done
}

BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:-"-Xmx3g -XX:+UseParallelGC"}
# bench <scenario> [key=value...]: later arguments win, so a scenario's own ones come last.
bench() {
  local scenario=$1
  shift
  # shellcheck disable=SC2046
  java $BENCH_JAVA_OPTS -jar bench/target/parley-bench.jar "$scenario" \
    parley="http://127.0.0.1:$PARLEY_PORT" peer="ws://127.0.0.1:$PEER_PORT" \
    pid="$PARLEY_PID" out="$OUT" db="$BENCH_DB" $(peers_args) "$@"
}
PEER_LIST() { echo "${PEERS_STARTED// /,}"; }

has() { [[ " $SCENARIOS " == *" $1 "* ]]; }

dropdb --if-exists "$BENCH_DB" && createdb "$BENCH_DB"
start_peer
peers_start

# Phase A: bcrypt cost 4 so that setting up thousands of accounts takes seconds, not minutes.
start_parley 4
STARTUPS="$STARTUP_MS"
sleep 5
IDLE_RSS_A=$(awk '/VmRSS/{print $2}' /proc/$PARLEY_PID/status)
has idle && { bench idle ${IDLE_ARGS:-} || echo "scenario idle failed" | tee -a "$OUT"; }
# Fan-out: the Node ws peer and every persisting peer; persisted sends and history: the persisting
# peers (the ws peer neither persists nor acks).
has fanout && { bench fanout peers="ws${PEERS_STARTED:+,$(PEER_LIST)}" ${FANOUT_ARGS:-} ||
  echo "scenario fanout failed" | tee -a "$OUT"; }
has persist && { bench persist peers="$(PEER_LIST)" ${PERSIST_ARGS:-} ||
  echo "scenario persist failed" | tee -a "$OUT"; }
has history && { bench history peers="$(PEER_LIST)" ${HISTORY_ARGS:-} ||
  echo "scenario history failed" | tee -a "$OUT"; }
has storm && { bench storm ${STORM_ARGS:-} || echo "scenario storm failed" | tee -a "$OUT"; }
stop_parley
peers_stop

# Phase B: the real bcrypt cost (10) for the login scenario; also a second startup sample.
start_parley 10
STARTUPS="$STARTUPS $STARTUP_MS"
sleep 5
IDLE_RSS_B=$(awk '/VmRSS/{print $2}' /proc/$PARLEY_PID/status)
has login && { bench login ${LOGIN_ARGS:-rate=1000} || echo "scenario login failed" | tee -a "$OUT"; }
stop_parley

if has startup; then
  {
    echo
    echo "### Scenario 7: startup and idle RSS (normal jar, external PostgreSQL)"
    echo
    echo "| sample | start to healthy /health (ms) | idle RSS 5 s after start (MiB) |"
    echo "|---|---:|---:|"
    set -- $STARTUPS
    echo "| phase A (migrations on an empty database) | $1 | $((IDLE_RSS_A / 1024)) |"
    echo "| phase B (schema already there) | $2 | $((IDLE_RSS_B / 1024)) |"
  } | tee -a "$OUT"
fi
echo "results: $OUT"
