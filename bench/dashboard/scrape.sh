#!/usr/bin/env bash
# Scrapes a Parley's /metrics once a second into <dir>/<epoch-ms>.prom until <seconds> have
# passed (bounded), for plot.py. Usage: bench/dashboard/scrape.sh <base-url> <dir> <seconds>
# The scrape runs from this machine, so no metrics token is needed.
set -euo pipefail
BASE=$1 DIR=$2 SECONDS_LEFT=$3
mkdir -p "$DIR"
END=$(( $(date +%s) + SECONDS_LEFT ))
while [ "$(date +%s)" -lt "$END" ]; do
  curl -fs "$BASE/metrics" -o "$DIR/$(date +%s%3N).prom" || true
  sleep 1
done
