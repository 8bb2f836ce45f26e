#!/bin/sh
# Counts the instructions of one Parse+Compile of the workload policy
# (evaluate's BenchmarkParseCompile/<small|large>) under callgrind. Unlike
# time on a shared virtual machine (which drifts by 15% between runs), the
# count is the same on every run, so two revisions can be compared one
# change at a time. Needs valgrind (Debian: apt-get install valgrind).
#
#   scripts/instructions.sh [small|large] [N]
#
# GOGC=off leaves the collector's work out; GOGC=100 puts it back in.
set -eu
cd "$(dirname "$0")/.."
size=${1:-small}
case "$size" in
small) n=${2:-2000} ;;
large) n=${2:-6} ;;
*) echo "usage: $0 [small|large] [N]" >&2; exit 2 ;;
esac
dir=$(mktemp -d)
trap 'rm -r "$dir"' EXIT
go test -c -o "$dir/evaluate.test" ./evaluate
count() {
	GOGC=${GOGC:-off} GOMAXPROCS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		"$dir/evaluate.test" -test.run '^$' -test.bench "^BenchmarkParseCompile/$size\$" \
		-test.benchtime "$1x" 2>&1 | sed -n 's/.*refs: *//p' | tr -d ,
}
one=$(count 1)
many=$(count "$n")
echo "$size: $(((many - one) / (n - 1))) instructions per Parse+Compile"
