#!/usr/bin/env bash
# Startup time (launch to a 200 from /health) and idle memory (RSS 5 s after that) of the normal
# jar (bootstrap/target/parley.jar), the Micronaut AOT jar (bootstrap/target/parley-aot.jar) and,
# when scripts/cds-archive.sh has made bootstrap/target/parley.jsa, the normal jar with that
# class-data sharing archive; each run N times, alternating, against one PostgreSQL; prints every
# run and the medians.
#
#   ./mvnw -q -B -pl bootstrap -am package -DskipTests   # builds both jars
#   scripts/startup-compare.sh [N]                        # N runs of each, default 5
#
# The database: $DATABASE_URL when set; else the machine's PostgreSQL on 127.0.0.1:5432
# (database parley_startup, created when missing; user/password from PGUSER/PGPASSWORD, default
# postgres/postgres); else each jar's embedded PostgreSQL in a scratch data dir (which then
# counts in the startup time). One unmeasured run of each jar first migrates and warms caches.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-5}
PORT=${PORT:-18090}
IDLE_SECONDS=${IDLE_SECONDS:-5}
JAVA=${JAVA:-java}
NORMAL=bootstrap/target/parley.jar
AOT=bootstrap/target/parley-aot.jar
for jar in "$NORMAL" "$AOT"; do
  [[ -f $jar ]] || { echo "missing $jar: build with ./mvnw -q -B -pl bootstrap -am package -DskipTests" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/parley-startup.XXXXXX)
SERVER_PID=
cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

export PARLEY_JWT_SECRET=${PARLEY_JWT_SECRET:-$(head -c 48 /dev/urandom | base64 | tr -d '\n')}
export PARLEY_DEMO_DATA=false
DB_KIND="DATABASE_URL"
if [[ -z ${DATABASE_URL:-} ]]; then
  PGUSER=${PGUSER:-postgres}
  export PGPASSWORD=${PGPASSWORD:-postgres}
  if command -v psql >/dev/null && psql -h 127.0.0.1 -U "$PGUSER" -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    if [[ -z $(psql -h 127.0.0.1 -U "$PGUSER" -d postgres -Atqc "select 1 from pg_database where datname = 'parley_startup'") ]]; then
      psql -h 127.0.0.1 -U "$PGUSER" -d postgres -qc 'create database parley_startup' >/dev/null
    fi
    export DATABASE_URL="postgres://$PGUSER:$PGPASSWORD@127.0.0.1:5432/parley_startup"
    DB_KIND="machine PostgreSQL 127.0.0.1:5432"
  else
    DB_KIND="embedded PostgreSQL (in the startup time)"
    unset PARLEY_JWT_SECRET
  fi
fi

# One run: prints "<ms to healthy> <RSS KiB> <Micronaut's own startup ms>".
run() {
  local jar=$1 data=$2 log="$WORK/run.log" opts=()
  [[ $jar == cds ]] && { jar=$NORMAL; opts=("-XX:SharedArchiveFile=$ARCHIVE"); }
  local start end
  start=$(date +%s%N)
  PARLEY_DATA_DIR="$data" MICRONAUT_SERVER_PORT=$PORT "$JAVA" "${opts[@]}" -jar "$jar" >"$log" 2>&1 &
  SERVER_PID=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/health"; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "$jar exited; its log:" >&2; tail -20 "$log" >&2; exit 1
    fi
    if (( ($(date +%s%N) - start) > 180000000000 )); then
      echo "$jar not healthy within 180 s" >&2; exit 1
    fi
    sleep 0.02
  done
  end=$(date +%s%N)
  sleep "$IDLE_SECONDS"
  local rss own
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status")
  own=$(sed -n 's/.*Startup completed in \([0-9]*\)ms.*/\1/p' "$log" | head -1)
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
  echo "$(( (end - start) / 1000000 )) $rss ${own:-?}"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2))}'; }

echo "Database: $DB_KIND; $RUNS runs of each jar, alternating; $(nproc) cores; $("$JAVA" -version 2>&1 | head -1)"
ARCHIVE=bootstrap/target/parley.jsa
KINDS=(normal aot)
[[ -f $ARCHIVE ]] && KINDS+=(cds)
run "$NORMAL" "$WORK/data-normal" >/dev/null
run "$AOT" "$WORK/data-aot" >/dev/null
for kind in "${KINDS[@]}"; do : >"$WORK/$kind"; done
printf '%-8s %4s %16s %10s %18s\n' jar run "to healthy (ms)" "RSS (MiB)" "Micronaut (ms)"
for i in $(seq 1 "$RUNS"); do
  for kind in "${KINDS[@]}"; do
    jar=$NORMAL; [[ $kind == aot ]] && jar=$AOT; [[ $kind == cds ]] && jar=cds
    read -r ms rss own < <(run "$jar" "$WORK/data-$kind")
    echo "$ms $rss $own" >>"$WORK/$kind"
    printf '%-8s %4d %16d %10d %18s\n' "$kind" "$i" "$ms" $(( rss / 1024 )) "$own"
  done
done
echo
printf '%-8s %22s %16s %24s\n' jar "median to healthy (ms)" "median RSS (MiB)" "median Micronaut (ms)"
for kind in "${KINDS[@]}"; do
  printf '%-8s %22d %16d %24s\n' "$kind" \
    "$(cut -d' ' -f1 "$WORK/$kind" | median)" \
    "$(( $(cut -d' ' -f2 "$WORK/$kind" | median) / 1024 ))" \
    "$(cut -d' ' -f3 "$WORK/$kind" | grep -v '?' | median)"
done
