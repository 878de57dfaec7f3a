#!/usr/bin/env bash
# A/B comparison of two Parley jars on one scenario, alternating A B A B on the same database.
# Usage: bench/ab.sh <jarA> <jarB> <rounds> <scenario> [key=value...]
# AB_COST sets the bcrypt cost (default 4), AB_PORT Parley's port (default 8080). AB_EMBEDDED=1
# runs each Parley on its own embedded PostgreSQL instead (a fresh data dir per run, no demo data;
# the scenario's psql/pgbench calls go to that PostgreSQL). Starts each Parley itself and stops it
# by pid. Tables go to bench/results-ab-<timestamp>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
A=$1 B=$2 ROUNDS=$3 SCENARIO=$4
shift 4
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=${BENCH_DB:-parley_ab}
PORT=${AB_PORT:-8080}
EMBEDDED=${AB_EMBEDDED:-0}
OUT=${OUT:-$ROOT/bench/results-ab-$(date -u +%Y%m%d-%H%M).md}
mkdir -p bench/logs
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; true' EXIT
[ "$EMBEDDED" = 1 ] || { dropdb --if-exists "$DB" && createdb "$DB"; }
SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
for round in $(seq 1 "$ROUNDS"); do
  for side in A B; do
    jar=$A; [ "$side" = B ] && jar=$B
    DATA="$ROOT/bench/logs/data"
    if [ "$EMBEDDED" = 1 ]; then
      DATA="$ROOT/bench/logs/data-ab-$side-$round"
      rm -rf "$DATA"
      # No DATABASE_URL: Parley starts its own PostgreSQL under the data dir.
      env -u DATABASE_URL PARLEY_DEMO_DATA=false PARLEY_JWT_SECRET="$SECRET" \
      PARLEY_SECURITY_BCRYPT_COST=${AB_COST:-4} MICRONAUT_SERVER_PORT=$PORT PARLEY_DATA_DIR="$DATA" \
        java -Dmicronaut.config.files="$ROOT/bench/parley-bench.yml" -jar "$jar" \
        > "bench/logs/ab-$side-$round.log" 2>&1 &
    else
      DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DB" PARLEY_JWT_SECRET="$SECRET" \
      PARLEY_SECURITY_BCRYPT_COST=${AB_COST:-4} MICRONAUT_SERVER_PORT=$PORT PARLEY_DATA_DIR="$DATA" \
        java -Dmicronaut.config.files="$ROOT/bench/parley-bench.yml" -jar "$jar" \
        > "bench/logs/ab-$side-$round.log" 2>&1 &
    fi
    PID=$!
    for _ in $(seq 1 1200); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.05; done
    PG=(pgport="$PGPORT" db="$DB")
    if [ "$EMBEDDED" = 1 ]; then
      # postmaster.pid, line 4: the port the embedded PostgreSQL listens on.
      PG=(pgport="$(sed -n 4p "$DATA/postgres/postmaster.pid")" db=postgres)
      echo "## $side ($jar), round $round, load $(cut -d' ' -f1 /proc/loadavg), embedded PostgreSQL:" \
        "$(psql -h 127.0.0.1 -p "${PG[0]#pgport=}" -U postgres -d postgres -Atc \
          "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings
           WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')")" >> "$OUT"
    else
      echo "## $side ($jar), round $round, load $(cut -d' ' -f1 /proc/loadavg)" >> "$OUT"
    fi
    java -Xmx2g -jar bench/target/parley-bench.jar "$SCENARIO" "$@" parley="http://127.0.0.1:$PORT" \
      pid="$PID" "${PG[@]}" out="$OUT" || echo "scenario failed" >> "$OUT"
    kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
    if [ "$EMBEDDED" = 1 ]; then rm -rf "$DATA"; fi
  done
done
echo "results: $OUT"
