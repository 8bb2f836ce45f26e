#!/bin/sh
# Counts the instructions of one iteration of an evaluate benchmark under
# callgrind. Unlike time on a shared virtual machine (which drifts by 15%,
# and by ±50% when other jobs load it), the count is the same on every run,
# so two revisions can be compared one change at a time. Needs valgrind
# (Debian: apt-get install valgrind).
#
#   scripts/instructions.sh [small|large] [N]    Parse+Compile (BenchmarkParseCompile/<size>)
#   scripts/instructions.sh BENCH [N]            any benchmark, by its full name:
#       Request/small/values   build a request, PolicySet.Prepare, Decide (the path a service pays)
#       Request/small/map      the same with the plain struct: a context map, Request.Prepare
#       PrepareFor             PolicySet.Prepare alone;  Prepare: Request.Prepare alone
#       Decide/small           a prepared decision;       Explain
#
# It subtracts a run of 1 iteration from a run of N, so the test binary's
# start and the benchmark's set-up cancel out. GOGC=off leaves the
# collector's work out (GOGC=100 puts it back in); asyncpreemptoff keeps
# valgrind from crashing on the runtime's preemption signals.
set -eu
cd "$(dirname "$0")/.."
case "${1:-small}" in
small | large) bench="ParseCompile/${1:-small}"; def=2000; [ "${1:-small}" = large ] && def=6 ;;
*) bench=$1; def=2000 ;;
esac
n=${2:-$def}
pattern=$(printf '%s' "$bench" | sed 's|^|^Benchmark|; s|/|$/^|g; s|$|$|')
dir=$(mktemp -d)
trap 'rm -r "$dir"' EXIT
go test -c -o "$dir/evaluate.test" ./evaluate
count() {
	GOGC=${GOGC:-off} GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		"$dir/evaluate.test" -test.run '^$' -test.bench "$pattern" \
		-test.benchtime "$1x" 2>&1 | sed -n 's/.*refs: *//p' | tr -d ,
}
one=$(count 1)
many=$(count "$n")
echo "$bench: $(((many - one) / (n - 1))) instructions per iteration"
