#!/usr/bin/env bash
# End-to-end compile speed of the policyc command line: wall time, CPU time and peak memory of
# `policyc compile` (JVM start included) on generated policies of 100, 10,000 and 100,000
# prefixes, to nftables and to iptables, with `policyc --version` measured in the same run as
# the floor (JVM start, launcher, command-line parsing). docs/benchmarks.md has the results.
#
#   bench/compile-speed.sh [-r RUNS] [-s "100 10000 100000"] [-t "nftables iptables"] [-m]
#
#   -r RUNS   runs per case (default 7); the table gives the median and the fastest run
#   -s SIZES  prefix counts (default "100 10000 100000")
#   -t TARGETS                     (default "nftables iptables")
#   -m        also policies with many rules: each size in SIZE/10 rules of 10 prefixes
#   POLICYC=CMD  the command to measure (default: the launcher ./policyc of this tree)
#
# Needs GNU time (/usr/bin/time; Debian package "time") for CPU time and peak RSS, and awk.
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

runs=7
sizes="100 10000 100000"
targets="nftables iptables"
many=false
while getopts "r:s:t:m" opt; do
  case $opt in
    r) runs=$OPTARG ;;
    s) sizes=$OPTARG ;;
    t) targets=$OPTARG ;;
    m) many=true ;;
    *) sed -n '2,17p' "$0" >&2; exit 2 ;;
  esac
done
read -r -a policyc <<<"${POLICYC:-$ROOT/policyc}"

if [[ ! -x /usr/bin/time ]]; then
  echo "compile-speed: /usr/bin/time (GNU time) is needed; install it: apt-get install time" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/policyc-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Build the jar and record the CDS archive now, not in the first measured run.
"${policyc[@]}" --version >/dev/null

# One measured run: prints "WALL_MS CPU_MS RSS_KIB", fails if the command fails.
measure() {
  local start end
  start=$(date +%s%N)
  /usr/bin/time -o "$work/time" -f "%U %S %M" "$@" >/dev/null 2>"$work/stderr" || {
    echo "compile-speed: failed: $*" >&2
    cat "$work/stderr" >&2
    exit 1
  }
  end=$(date +%s%N)
  awk -v wall=$(((end - start) / 1000000)) '{ printf "%d %d %d\n", wall, ($1 + $2) * 1000, $3 }' "$work/time"
}

# Runs a case $runs times and prints a table row: median and fastest wall, median CPU, peak RSS.
row() {
  local label=$1
  shift
  for ((i = 0; i < runs; i++)); do measure "$@"; done >"$work/runs"
  local mid=$(((runs + 1) / 2))
  printf '| %s | %d | %d | %d | %.0f |\n' "$label" \
    "$(cut -d' ' -f1 "$work/runs" | sort -n | sed -n "${mid}p")" \
    "$(cut -d' ' -f1 "$work/runs" | sort -n | head -n 1)" \
    "$(cut -d' ' -f2 "$work/runs" | sort -n | sed -n "${mid}p")" \
    "$(cut -d' ' -f3 "$work/runs" | sort -n | tail -n 1 | awk '{ print $1 / 1024 }')"
}

echo "Machine: $(nproc) cores, $(uname -m), $(java -version 2>&1 | head -n 1); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Command: ${policyc[*]}; $runs runs per case"
echo
echo "| case | median wall ms | fastest wall ms | median CPU ms | peak RSS MiB |"
echo "| --- | ---: | ---: | ---: | ---: |"
row "\`policyc --version\` (floor)" "${policyc[@]}" --version
for size in $sizes; do
  awk -v n="$size" -f "$ROOT/bench/gen-policy.awk" >"$work/p$size.policy"
  variants=("p$size:$size prefixes, 4 rules")
  if $many && ((size >= 100)); then
    awk -v n="$size" -v rules=$((size / 10)) -f "$ROOT/bench/gen-policy.awk" >"$work/m$size.policy"
    variants+=("m$size:$size prefixes, $((size / 10)) rules")
  fi
  for variant in "${variants[@]}"; do
    for target in $targets; do
      rm -rf "$work/out"
      row "${variant#*:} to $target" "${policyc[@]}" compile "$work/${variant%%:*}.policy" --target "$target" -o "$work/out"
    done
  done
done
echo
echo "Load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
