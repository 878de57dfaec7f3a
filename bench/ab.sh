#!/usr/bin/env bash
# A/B comparison of two Parley jars on one scenario, alternating A B A B on the same database.
# Usage: bench/ab.sh <jarA> <jarB> <rounds> <scenario> [key=value...]
# AB_COST sets the bcrypt cost (default 4). Starts each Parley itself and stops it by pid. Tables go to bench/results-ab-<timestamp>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
A=$1 B=$2 ROUNDS=$3 SCENARIO=$4
shift 4
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=${BENCH_DB:-parley_ab}
OUT=${OUT:-$ROOT/bench/results-ab-$(date -u +%Y%m%d-%H%M).md}
mkdir -p bench/logs
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; true' EXIT
dropdb --if-exists "$DB" && createdb "$DB"
SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
for round in $(seq 1 "$ROUNDS"); do
  for side in A B; do
    jar=$A; [ "$side" = B ] && jar=$B
    DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DB" PARLEY_JWT_SECRET="$SECRET" \
    PARLEY_SECURITY_BCRYPT_COST=${AB_COST:-4} MICRONAUT_SERVER_PORT=8080 PARLEY_DATA_DIR="$ROOT/bench/logs/data" \
      java -Dmicronaut.config.files="$ROOT/bench/parley-bench.yml" -jar "$jar" \
      > "bench/logs/ab-$side-$round.log" 2>&1 &
    PID=$!
    for _ in $(seq 1 1200); do curl -fs http://127.0.0.1:8080/health >/dev/null 2>&1 && break; sleep 0.05; done
    echo "## $side ($jar), round $round, load $(cut -d' ' -f1 /proc/loadavg)" >> "$OUT"
    java -Xmx2g -jar bench/target/parley-bench.jar "$SCENARIO" "$@" pid="$PID" db="$DB" out="$OUT" \
      || echo "scenario failed" >> "$OUT"
    kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  done
done
echo "results: $OUT"
