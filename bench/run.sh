#!/bin/sh
# Runs the peer benchmarks into results.txt, then prints benchstat's table
# and the ratios of each peer to iamsim (decisions) and of each engine to the
# gjson walk (parsing). COUNT (default 6) is the runs per benchmark.
set -eu
cd "$(dirname "$0")"

# benchstat is pinned so that `go run` neither resolves @latest nor touches
# go.mod: `go run pkg@version` builds outside this module.
BENCHSTAT=golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da

# -timeout: six runs of every benchmark take several minutes, near the
# default 10 minutes on a slow or busy machine.
go test -run '^$' -bench . -benchmem -count "${COUNT:-6}" -timeout 60m ./... > results.txt
go run "$BENCHSTAT" results.txt
echo
go run ./cmd/ratios results.txt
