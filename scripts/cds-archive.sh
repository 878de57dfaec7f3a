#!/usr/bin/env bash
# Makes a class-data sharing archive for Parley's jar: one training run that starts it, sends a
# few read-only requests and stops it; the JVM writes what it loaded into the archive at exit.
# Later starts that map the archive skip loading, parsing and verifying those classes (measured:
# docs/benchmarks.md, "Startup"). On a JDK that has the ahead-of-time cache (JDK 25: JEP 483 and
# 514) the archive is that cache, which also keeps the classes linked and the methods' profiles:
# the faster of the two.
#
#   scripts/cds-archive.sh [jar] [archive]    # defaults: bootstrap/target/parley.jar, <jar>.jsa
#   java -XX:SharedArchiveFile=bootstrap/target/parley.jsa -jar bootstrap/target/parley.jar
#   JAVA=/path/to/jdk-25/bin/java scripts/cds-archive.sh    # writes <jar>.aot instead
#   /path/to/jdk-25/bin/java -XX:AOTCache=bootstrap/target/parley.aot -jar bootstrap/target/parley.jar
#
# The training run uses $DATABASE_URL when set (it only reads: nothing is written but Flyway's
# migrations, which the real start would run anyway), else an embedded PostgreSQL in a scratch
# dir. The archive fits one jar and one JDK: rebuild it after either changes (a JVM given a stale
# archive warns and starts without it).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${1:-bootstrap/target/parley.jar}
PORT=${PORT:-18095}
JAVA=${JAVA:-java}
# -XX:AOTCacheOutput (one-step training) exists from JDK 25 on.
if "$JAVA" -XX:+UnlockDiagnosticVMOptions -XX:+PrintFlagsFinal -version 2>/dev/null \
  | grep -q ' AOTCacheOutput '; then
  ARCHIVE=${2:-${JAR%.jar}.aot}
  WRITE=(-XX:AOTCacheOutput="$ARCHIVE")
  USE=-XX:AOTCache="$ARCHIVE"
else
  ARCHIVE=${2:-${JAR%.jar}.jsa}
  WRITE=(-XX:ArchiveClassesAtExit="$ARCHIVE")
  USE=-XX:SharedArchiveFile="$ARCHIVE"
fi
[[ -f $JAR ]] || { echo "missing $JAR: build with ./mvnw -q -B package -DskipTests" >&2; exit 1; }

WORK=$(mktemp -d /tmp/parley-cds.XXXXXX)
PID=
cleanup() {
  if [[ -n $PID ]] && kill -0 "$PID" 2>/dev/null; then kill "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# One HTTP GET over bash's /dev/tcp (no curl needed); succeeds on a 200.
get() {
  local status
  exec 3<>"/dev/tcp/127.0.0.1/$PORT" || return 1
  printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$1" >&3
  read -r _ status _ <&3 || true
  cat <&3 >/dev/null || true
  exec 3<&-
  [[ $status == 200 ]]
}

rm -f "$ARCHIVE"
# The training server needs a signing secret but never issues a token anyone keeps.
PARLEY_JWT_SECRET=${PARLEY_JWT_SECRET:-$(head -c 48 /dev/urandom | base64 | tr -d '\n')} \
PARLEY_DEMO_DATA=false PARLEY_DATA_DIR="$WORK/data" MICRONAUT_SERVER_PORT=$PORT \
  "$JAVA" "${WRITE[@]}" -jar "$JAR" >"$WORK/training.log" 2>&1 &
PID=$!
start=$(date +%s)
until get /health 2>/dev/null; do
  if ! kill -0 "$PID" 2>/dev/null; then
    echo "the training run exited; its log:" >&2; tail -30 "$WORK/training.log" >&2; exit 1
  fi
  if (( $(date +%s) - start > 180 )); then echo "not healthy within 180 s" >&2; exit 1; fi
  sleep 0.1
done
# Read-only requests: the HTTP, security and error paths load their classes too.
for path in /health /index.html /chat/servers /users/me /openapi.yml; do
  get "$path" || true
done
kill "$PID"
wait "$PID" 2>/dev/null || true
PID=
[[ -s $ARCHIVE ]] || { echo "no archive written; see the JVM's output:" >&2; tail -30 "$WORK/training.log" >&2; exit 1; }
echo "archive: $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1))"
echo "run:     $JAVA $USE -jar $JAR"
