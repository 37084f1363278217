#!/usr/bin/env bash
# Compares the throughput of `interviewbot search --json --stdin` with an
# equivalent bleve index (bench/blevecmp) on the same questions. Both are
# timed as whole processes (start-up, corpus loading, indexing, answering
# every question, writing JSON), alternating runs so both see the same
# machine noise. See bench/README.md.
#
# Usage: bench/throughput.sh        (RUNS=N to change the 7 runs per tool)
set -euo pipefail

cd "$(dirname "$0")/.."

runs=${RUNS:-7}
n=4000
corpus=corpus/interview.jsonl

if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
	echo "RUNS must be a positive integer, not '$runs'" >&2
	exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "building..." >&2
go build -o "$tmp/interviewbot" ./cmd/interviewbot
(cd bench/blevecmp && go build -o "$tmp/blevecmp" .)

# The questions: the first column of both question sets, cycled to $n lines.
grep -hv -e '^#' -e '^[[:space:]]*$' testdata/devset.tsv testdata/heldout.tsv |
	cut -f1 >"$tmp/pool"
pool=$(wc -l <"$tmp/pool")
if ((pool == 0)); then
	echo "no questions in testdata/devset.tsv and testdata/heldout.tsv" >&2
	exit 1
fi
for ((i = 0; i < (n + pool - 1) / pool; i++)); do
	cat "$tmp/pool"
done | head -n "$n" >"$tmp/questions"

ours() { "$tmp/interviewbot" search --json --stdin <"$tmp/questions"; }
bleve() { "$tmp/blevecmp" -corpus "$corpus" <"$tmp/questions"; }

# Check once that each answers every question, one line per question.
for tool in ours bleve; do
	lines=$("$tool" | wc -l)
	if ((lines != n)); then
		echo "$tool wrote $lines lines for $n questions" >&2
		exit 1
	fi
done

# elapsed_ms TOOL runs TOOL once with its output discarded and prints the
# wall time in milliseconds.
elapsed_ms() {
	local start end
	start=$(date +%s%N)
	"$1" >/dev/null
	end=$(date +%s%N)
	echo $(((end - start) / 1000000))
}

ours_ms=()
bleve_ms=()
for ((r = 1; r <= runs; r++)); do
	ours_ms+=("$(elapsed_ms ours)")
	bleve_ms+=("$(elapsed_ms bleve)")
	echo "run $r/$runs: interviewbot ${ours_ms[-1]} ms, bleve ${bleve_ms[-1]} ms" >&2
done

# median prints the median of its arguments (the mean of the two middle
# values for an even count).
median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# qps MS... prints the throughput in questions/s of each run. A run under a
# millisecond would divide by zero; it counts as 1 ms.
qps() {
	printf '%s\n' "$@" | awk -v n="$n" '{ print n * 1000 / ($1 < 1 ? 1 : $1) }'
}

ours_med=$(median "${ours_ms[@]}")
bleve_med=$(median "${bleve_ms[@]}")
# shellcheck disable=SC2046 # one number a line, no spaces
ours_qps=$(median $(qps "${ours_ms[@]}"))
# shellcheck disable=SC2046
bleve_qps=$(median $(qps "${bleve_ms[@]}"))

echo
go version
echo "questions: $n (cycling $pool from testdata/devset.tsv and testdata/heldout.tsv), runs per tool: $runs"
printf '%-13s median %8.1f ms  %8.0f questions/s\n' interviewbot "$ours_med" "$ours_qps"
printf '%-13s median %8.1f ms  %8.0f questions/s\n' bleve "$bleve_med" "$bleve_qps"
awk -v o="$ours_qps" -v b="$bleve_qps" 'BEGIN { printf "throughput ratio interviewbot/bleve: %.2f\n", o / b }'
