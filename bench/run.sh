#!/bin/sh
# Runs the peer benchmarks into results.txt, then prints benchstat's table
# and the ratios of each peer to iamsim (decisions) and of each engine to the
# gjson walk (parsing). COUNT (default 6) is the runs per benchmark.
set -eu
cd "$(dirname "$0")"

# benchstat is pinned so that `go run` neither resolves @latest nor touches
# go.mod: `go run pkg@version` builds outside this module.
BENCHSTAT=golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da

# The runs are rounds: each round runs every benchmark once, so that a
# ratio compares numbers taken minutes, not a quarter of an hour, apart
# (virtual machines drift; -count 6 would run each benchmark six times in
# a row).
bin=$(mktemp -d)/bench.test
go test -c -o "$bin" .
: > results.txt
i=0
while [ "$i" -lt "${COUNT:-6}" ]; do
	"$bin" -test.run '^$' -test.bench . -test.benchmem -test.count 1 -test.timeout 60m >> results.txt
	i=$((i + 1))
done
rm -r "$(dirname "$bin")"
go run "$BENCHSTAT" results.txt
echo
go run ./cmd/ratios results.txt
