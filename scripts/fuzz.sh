#!/usr/bin/env bash
# Runs every fuzz target of the module for the given time each (default 10m):
#   scripts/fuzz.sh 10m     # the long run
#   scripts/fuzz.sh 8s      # what CI does
# Each target is run with its own package named, so it really fuzzes.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-10m}
status=0
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    echo "-- $pkg $target ($fuzztime)"
    if ! go test -run='^$' -fuzz="^${target}\$" -fuzztime="$fuzztime" "$pkg"; then
      status=1
    fi
  done
done
exit $status
