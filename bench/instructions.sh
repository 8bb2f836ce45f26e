#!/bin/sh
# Counts the instructions of one iteration of a peer benchmark under
# callgrind, for every engine: on a shared machine whose load swings
# wall-clock times by ±50%, the counts are the same on every run, so their
# ratios are the peers' ratios without the noise (they leave out what the
# garbage collector does later with what each engine allocated: see the
# allocs/op of run.sh). Needs valgrind.
#
#   ./instructions.sh [Request/small] [N]
set -eu
cd "$(dirname "$0")"
bench=${1:-Request/small}
n=${2:-2000}
dir=$(mktemp -d)
trap 'rm -r "$dir"' EXIT
go test -c -o "$dir/bench.test" .
count() {
	GOGC=off GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		"$dir/bench.test" -test.run '^$' -test.bench "$2" -test.benchtime "$1x" 2>&1 | sed -n 's/.*refs: *//p' | tr -d ,
}
for e in iamsim ladon seaweedfs-s3 cedar-go; do
	pattern=$(printf '%s/%s' "$bench" "$e" | sed 's|^|^Benchmark|; s|/|$/^|g; s|$|$|')
	one=$(count 1 "$pattern")
	many=$(count "$n" "$pattern")
	echo "$bench/$e: $(((many - one) / (n - 1))) instructions per iteration"
done
