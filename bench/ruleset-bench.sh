#!/usr/bin/env bash
# ruleset-bench.sh: how long the rulesets policyc emits take to load, and what they add to
# the cost of each packet, measured in the real kernel. Prints markdown tables on stdout
# (progress goes to stderr). docs/benchmarks.md explains the method and shows a run.
#
#   sudo bench/ruleset-bench.sh            # from the repository root; about 7 minutes
#
# Needs root, nft, iptables-restore, ip6tables-restore, ip (iproute2), gcc, and a JDK and
# Maven for ./policyc (which builds itself on first use). With ipset installed it also
# measures the iptables-ipset target (iptables rules matching ipset sets); without, it says so
# and leaves those rows out.
#
# Safety: everything runs in network namespaces this script creates (named
# pcbench-PID-N) and deletes, also on failure or Ctrl-C. Packets are only sent by
# bench/udp-sender.c, only to the documentation addresses 198.51.100.10 and 203.0.113.10,
# from a namespace whose only link besides loopback is an ifb device used as a black
# hole: nothing leaves the namespace. Every loop is bounded.
#
# Environment (defaults in brackets; a list set to "" measures none of its sizes, only the
# baselines):
#   RUNS              measured rounds; each measures every case once, in a random order  [9]
#   PACKETS           datagrams per per-packet measurement, at most 49999                  [40000]
#   LOAD_SIZES        address counts for the load-time table            [10 1000 10000 100000]
#   NFT_PACKET_SIZES  address counts for the nftables per-packet table  [10 1000 10000 100000]
#   IPT_PACKET_SIZES  address counts for the iptables per-packet table  [10 1000 10000 100000]
#   HOST_SIZES        address counts of extra host-only policies (no prefix, so nftables
#                     emits a hash set, not an interval set) for the load-time and the
#                     nftables per-packet tables                                          [10000]
#   RELOAD_SIZES      address counts for the reload table (the same files loaded again into a
#                     namespace that holds them; the base rules are always measured)  [10 1000 10000]
set -euo pipefail

RUNS=${RUNS:-9}
PACKETS=${PACKETS:-40000}
LOAD_SIZES=${LOAD_SIZES-"10 1000 10000 100000"}
NFT_PACKET_SIZES=${NFT_PACKET_SIZES-"10 1000 10000 100000"}
IPT_PACKET_SIZES=${IPT_PACKET_SIZES-"10 1000 10000 100000"}
HOST_SIZES=${HOST_SIZES-"10000"}
RELOAD_SIZES=${RELOAD_SIZES-"10 1000 10000"}
if command -v ipset >/dev/null; then IPSET=1; else IPSET=0; fi

# The probes. HIT is in every generated address set, among addresses spread over the whole
# space (see gen_policy), so its path through iptables' tree of address chains is as long as
# any address's; MISS is in no set and is dropped by the default. New flows use destination ports
# FIRST_PORT.. (one port a packet); the repeated flow uses SAME_PORT. The policy allows
# udp ports FIRST_PORT-SAME_PORT, so every probe to HIT is accepted.
HIT=198.51.100.10
MISS=203.0.113.10
FIRST_PORT=10000
SAME_PORT=59999

die() {
	echo "ruleset-bench: $*" >&2
	exit 1
}
progress() { echo "ruleset-bench: $*" >&2; }

check_count() { # NAME VALUE MIN MAX
	[[ $2 =~ ^[0-9]+$ ]] && (($2 >= $3 && $2 <= $4)) || die "$1 must be a number from $3 to $4, not '$2'"
}
check_count RUNS "$RUNS" 1 51
check_count PACKETS "$PACKETS" 1 $((SAME_PORT - FIRST_PORT))
for n in $LOAD_SIZES $NFT_PACKET_SIZES $IPT_PACKET_SIZES $HOST_SIZES $RELOAD_SIZES; do check_count "an address count" "$n" 1 300000; done

[[ $EUID -eq 0 ]] || die "needs root (it creates network namespaces)"
for tool in nft iptables-restore ip6tables-restore ip gcc; do
	command -v "$tool" >/dev/null || die "$tool not found"
done
ROOT=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
[[ -x $ROOT/policyc ]] || die "cannot find the policyc launcher in $ROOT"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ruleset-bench.XXXXXX")
NS_PREFIX=pcbench-$$-
NS_COUNT=0
NS=

cleanup() {
	local ns
	# Only the namespaces of this run: their names carry this shell's pid.
	for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^$NS_PREFIX" || true); do
		ip netns del "$ns" 2>/dev/null || echo "ruleset-bench: could not delete namespace $ns" >&2
	done
	rm -rf -- "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# new_ns [probe]: a fresh namespace in NS. With "probe" it gets loopback up and an ifb
# device as the black hole that every route leads into.
new_ns() {
	NS_COUNT=$((NS_COUNT + 1))
	NS=$NS_PREFIX$NS_COUNT
	ip netns add "$NS"
	if [[ ${1:-} == probe ]]; then
		ip -n "$NS" link set lo up
		ip -n "$NS" link add d0 type ifb
		ip -n "$NS" link set d0 up
		ip -n "$NS" addr add 192.0.2.1/24 dev d0
		ip -n "$NS" route add default dev d0
	fi
}
# del_ns CASE: deletes NS, then waits for the kernel to tear it down. The teardown runs
# in a kernel worker after `ip netns del` returns, a fraction of a second for 100,000
# rules; without the pause it slows whatever is measured next (seen: the first nft -f
# after a 100k namespace took twice its time).
del_ns() {
	ip netns del "$NS"
	NS=
	sleep "$(awk -v n="$(case_size "$1")" 'BEGIN { printf "%.2f", 0.2 + n / 100000 }')"
}
case_size() { # nN and hN hold N addresses; the baselines none
	case $1 in
	[nh][0-9]*) echo "${1:1}" ;;
	*) echo 0 ;;
	esac
}

# --- policies and compiled rulesets ----------------------------------------------------

# gen_policy N [hosts]: one allow rule whose destination set has N entries: HIT, then
# addresses spread evenly over the unicast IPv4 space (1.0.0.0 to 223.255.255.255), every
# tenth one as its /24 (unless "hosts"), the others as odd host addresses. Spread out, no two
# entries merge into a larger prefix (the ruleset keeps N), and the probes' paths through
# iptables' tree of address chains are as deep as any other address's (entries packed into
# one corner of the space would leave the probes beside a shallow tree). No /24 is that of
# HIT or MISS. Only HIT and MISS are ever sent a packet.
gen_policy() {
	awk -v n="$1" -v hosts="${2:-}" -v hit="$HIT" -v lo="$FIRST_PORT" -v hi="$SAME_PORT" 'BEGIN {
		printf "# generated by bench/ruleset-bench.sh: %d addresses\n", n
		printf "define net big = {\n    host %s", hit
		first = 16777216; span = 224 * 16777216 - first
		for (i = 1; i < n; i++) {
			v = first + int(i * span / n)
			a = int(v / 16777216); b = int(v / 65536) % 256; c = int(v / 256) % 256
			net = a "." b "." c
			if (i % 10 == 9 && hosts != "hosts" && net != "198.51.100" && net != "203.0.113") {
				printf ",\n    cidr %s.0/24", net
			} else {
				printf ",\n    host %s.%d", net, (v % 256) - (v % 2) + 1
			}
		}
		printf "\n}\n\npolicy bench {\n    allow out udp to $big port %d-%d\n}\n", lo, hi
	}'
}

# The output directory of each target: NAME-nft, NAME-ipt, NAME-ips (iptables-ipset).
target_dir() { # NAME TARGET
	case $2 in
	nftables) echo "$WORK/$1-nft" ;;
	iptables) echo "$WORK/$1-ipt" ;;
	iptables-ipset) echo "$WORK/$1-ips" ;;
	esac
}
compile() { # NAME: $WORK/NAME.policy to every target's directory
	local target out targets=(nftables iptables)
	if ((IPSET)); then targets+=(iptables-ipset); fi
	for target in "${targets[@]}"; do
		out=$(target_dir "$1" "$target")
		"$ROOT/policyc" compile "$WORK/$1.policy" --target "$target" -o "$out" >"$WORK/compile.log" 2>&1 ||
			{ cat "$WORK/compile.log" >&2; die "policyc could not compile $1.policy for $target"; }
	done
	[[ -f $WORK/$1-nft/bench.nft && -f $WORK/$1-ipt/bench.v4.rules && -f $WORK/$1-ipt/bench.v6.rules ]] ||
		die "policyc did not write the expected files for $1"
	((IPSET == 0)) || [[ -f $WORK/$1-ips/bench.ipset && -f $WORK/$1-ips/bench.v4.rules ]] ||
		die "policyc did not write the expected iptables-ipset files for $1"
}

progress "compiling the policies with $ROOT/policyc"
printf 'policy bench {\n}\n' >"$WORK/drop.policy"                    # base rules, default deny
printf 'policy bench {\n    default allow out\n}\n' >"$WORK/accept.policy" # base rules, accept out
compile drop
compile accept
for n in $(printf '%s\n' $LOAD_SIZES $NFT_PACKET_SIZES $IPT_PACKET_SIZES $RELOAD_SIZES | sort -nu); do
	gen_policy "$n" >"$WORK/n$n.policy"
	compile "n$n"
done
for n in $HOST_SIZES; do
	gen_policy "$n" hosts >"$WORK/h$n.policy"
	compile "h$n"
done

gcc -O2 -Wall -Wextra -o "$WORK/udp-sender" "$ROOT/bench/udp-sender.c"

# --- measuring helpers -------------------------------------------------------------------

declare -A SAMPLES=() # key -> space-separated samples, one per round
add_sample() { SAMPLES[$1]="${SAMPLES[$1]:-} $2"; }

median() { # prints the median of its numeric arguments
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "nan"; exit }
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
median_of() { median ${SAMPLES[$1]}; }

# Wall time of one command in microseconds, in LAST_US. EPOCHREALTIME is read by bash
# itself, so no fork sits inside the measured interval.
timed() {
	local t0 t1
	t0=$EPOCHREALTIME
	"$@" >/dev/null
	t1=$EPOCHREALTIME
	LAST_US=$((${t1//[.,]/} - ${t0//[.,]/}))
}

load_nft() { ip netns exec "$NS" nft -f "$WORK/$1-nft/bench.nft"; }
load_ipt() {
	ip netns exec "$NS" sh -c 'iptables-restore -w 10 --noflush "$1" && ip6tables-restore -w 10 --noflush "$2"' \
		sh "$WORK/$1-ipt/bench.v4.rules" "$WORK/$1-ipt/bench.v6.rules"
}
load_script() { ip netns exec "$NS" sh "$WORK/$1-ipt/bench.sh"; }
# The iptables-ipset target: its sets, then the two rules files that match them.
# load_ips CASE [-exist]: with -exist, for loading the files again, where the sets are there
# (their names come from their content) and ipset restore leaves them, as a script's second run does.
load_ips() {
	ip netns exec "$NS" sh -c 'ipset $4 restore -f "$1" && iptables-restore -w 10 --noflush "$2" && ip6tables-restore -w 10 --noflush "$3"' \
		sh "$WORK/$1-ips/bench.ipset" "$WORK/$1-ips/bench.v4.rules" "$WORK/$1-ips/bench.v6.rules" "${2:-}"
}
load_ipsscript() { ip netns exec "$NS" sh "$WORK/$1-ips/bench.sh"; }

# --- load time ----------------------------------------------------------------------------

LOAD_CASES=(exec drop)
for n in $LOAD_SIZES; do LOAD_CASES+=("n$n"); done
for n in $HOST_SIZES; do LOAD_CASES+=("h$n"); done

RELOAD_CASES=(drop)
for n in $RELOAD_SIZES; do RELOAD_CASES+=("n$n"); done

# A loader's command for loading CASE again where it is loaded.
reload() { # LOADER CASE
	if [[ $1 == ips ]]; then load_ips "$2" -exist; else "load_$1" "$2"; fi
}

measure_load() { # LOADER [CASE]: one sample, in a fresh namespace
	new_ns
	if [[ $1 == exec ]]; then
		timed ip netns exec "$NS" true
		add_sample load/exec "$LAST_US"
	elif [[ $1 == re-* ]]; then
		# Loaded once, then measured loading the same files again: what replacing costs.
		"load_${1#re-}" "$2" >/dev/null
		timed reload "${1#re-}" "$2"
		add_sample "reload/${1#re-}/$2" "$LAST_US"
	else
		timed "load_$1" "$2"
		add_sample "load/$1/$2" "$LAST_US"
	fi
	del_ns "${2:-exec}"
}

# Each round measures every (loader, case) pair once, in a new random order, so that
# whatever disturbs one moment of the run falls on different cases in different rounds.
LOAD_ITEMS=(exec)
for c in "${LOAD_CASES[@]:1}"; do
	LOAD_ITEMS+=("nft:$c" "ipt:$c" "script:$c")
	if ((IPSET)); then LOAD_ITEMS+=("ips:$c" "ipsscript:$c"); fi
done
for c in "${RELOAD_CASES[@]}"; do
	LOAD_ITEMS+=("re-nft:$c" "re-ipt:$c" "re-script:$c")
	if ((IPSET)); then LOAD_ITEMS+=("re-ips:$c" "re-ipsscript:$c"); fi
done
for ((r = 1; r <= RUNS; r++)); do
	progress "load times, round $r of $RUNS"
	for item in $(shuf -e -- "${LOAD_ITEMS[@]}"); do measure_load "${item%%:*}" "${item#*:}"; done
done

# --- per-packet cost ----------------------------------------------------------------------

# One measurement: SENDER's ns/packet into SAMPLES, after checking that the kernel decided
# what the ruleset says (EXPECT is "sent" or "eperm" for every packet).
probe() { # KEY EXPECT ADDRESS FIRST_PORT PORT_COUNT
	local wall_ns cpu_ns sent eperm other
	read -r wall_ns cpu_ns sent eperm other < <(ip netns exec "$NS" "$WORK/udp-sender" "$3" "$4" "$5" "$PACKETS") ||
		die "$1: udp-sender failed"
	[[ $other == 0 ]] || die "$1: $other sends failed with another error than EPERM"
	if [[ $2 == sent && $sent != "$PACKETS" ]] || [[ $2 == eperm && $eperm != "$PACKETS" ]]; then
		die "$1: expected every packet $2, got $sent sent and $eperm refused"
	fi
	add_sample "$1" "$cpu_ns"
}

# CONFIG is none, or BACKEND-RULESET with BACKEND nft or ipt and RULESET drop, accept, nN
# or hN.
measure_packets() { # CONFIG
	local backend=${1%%-*} ruleset=${1#*-} hit=sent miss=sent
	new_ns probe
	case $1 in
	none) ;;
	*) "load_$backend" "$ruleset" >/dev/null ;;
	esac
	case $ruleset in
	drop) hit=eperm miss=eperm ;;
	[nh][0-9]*) miss=eperm ;;
	esac
	# Order matters: the misses leave no conntrack entry behind (a dropped packet's entry is
	# never confirmed), the repeated flow leaves one, the new flows leave PACKETS entries.
	probe "pkt/$1/miss-new" "$miss" "$MISS" "$FIRST_PORT" "$PACKETS"
	probe "pkt/$1/hit-same" "$hit" "$HIT" "$SAME_PORT" 1
	probe "pkt/$1/hit-new" "$hit" "$HIT" "$FIRST_PORT" "$PACKETS"
	del_ns "$ruleset"
}

PACKET_CONFIGS=(none nft-drop nft-accept)
for n in $NFT_PACKET_SIZES; do PACKET_CONFIGS+=("nft-n$n"); done
for n in $HOST_SIZES; do PACKET_CONFIGS+=("nft-h$n"); done
PACKET_CONFIGS+=(ipt-drop ipt-accept)
for n in $IPT_PACKET_SIZES; do PACKET_CONFIGS+=("ipt-n$n"); done
# The iptables-ipset target writes the same rules as iptables where there is no set, so its
# baselines are iptables'.
if ((IPSET)); then for n in $IPT_PACKET_SIZES; do PACKET_CONFIGS+=("ips-n$n"); done; fi

# In a new random order each round, as for the load times. The report's ratios are
# medians of per-round ratios (each to the baseline of the same round): less sensitive to
# the machine's load drifting between rounds than a ratio of medians.
for ((r = 1; r <= RUNS; r++)); do
	progress "per-packet cost, round $r of $RUNS"
	for c in $(shuf -e -- "${PACKET_CONFIGS[@]}"); do measure_packets "$c"; done
done

# --- report ---------------------------------------------------------------------------------

ms() { awk -v us="$1" 'BEGIN { printf (us < 10000 ? "%.1f ms" : "%.0f ms"), us / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# median over rounds of SAMPLE_A[i] / SAMPLE_B[i]
median_ratio() {
	local -a a=(${SAMPLES[$1]}) b=(${SAMPLES[$2]}) q=()
	local i
	for i in "${!a[@]}"; do q+=("$(ratio "${a[$i]}" "${b[$i]}")"); done
	printf '%.2f' "$(median "${q[@]}")"
}

thousands() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }
load_label() {
	case $1 in
	drop) echo "drop-only (base rules)" ;;
	h*) echo "$(thousands "${1#h}") (hosts only)" ;;
	*) thousands "${1#n}" ;;
	esac
}
# The size of the IPv4 iptables file: its rules and the chains it declares (guards, address
# chains and their trees included; see docs/output.md).
count_rules() { grep -c '^-A ' "$WORK/$1-ipt/bench.v4.rules" || true; }
count_chains() { grep -c '^:' "$WORK/$1-ipt/bench.v4.rules" || true; }

echo "Machine: $(nproc) CPUs ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), kernel $(uname -r)," \
	"$(nft --version | cut -d' ' -f1-2), $(iptables --version); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "Runs: $RUNS rounds, each measuring every case once in a random order; medians. Packets per measurement: $PACKETS."
echo
echo "### Load time (fresh namespace each time; median of $RUNS)"
echo
echo "| addresses | iptables v4 rules (chains) | \`nft -f\` | \`iptables-restore\` + \`ip6tables-restore\` | iptables / nft | \`sh bench.sh\` | bench.sh / nft |"
echo "|---|---:|---:|---:|---:|---:|---:|"
echo "| \`ip netns exec NS true\` (exec overhead) | | $(ms "$(median_of load/exec)") | | | | |"
for c in "${LOAD_CASES[@]:1}"; do
	echo "| $(load_label "$c") | $(thousands "$(count_rules "$c")") ($(thousands "$(count_chains "$c")")) | $(ms "$(median_of "load/nft/$c")") |" \
		"$(ms "$(median_of "load/ipt/$c")") | $(median_ratio "load/ipt/$c" "load/nft/$c")x |" \
		"$(ms "$(median_of "load/script/$c")") | $(median_ratio "load/script/$c" "load/nft/$c")x |"
done
echo
if ((IPSET)); then
	echo "#### The iptables-ipset target (same rounds; ratios to \`nft -f\` of the same round)"
	echo
	echo "| addresses | v4 rules (set elements) | \`ipset restore\` + \`iptables-restore\` + \`ip6tables-restore\` | / nft | \`sh bench.sh\` | bench.sh / nft |"
	echo "|---|---:|---:|---:|---:|---:|"
	for c in "${LOAD_CASES[@]:1}"; do
		echo "| $(load_label "$c") | $(grep -c '^-A ' "$WORK/$c-ips/bench.v4.rules" || true) ($(thousands "$(grep -c '^add ' "$WORK/$c-ips/bench.ipset" || true)")) |" \
			"$(ms "$(median_of "load/ips/$c")") | $(median_ratio "load/ips/$c" "load/nft/$c")x |" \
			"$(ms "$(median_of "load/ipsscript/$c")") | $(median_ratio "load/ipsscript/$c" "load/nft/$c")x |"
	done
else
	echo "(ipset is not installed: the iptables-ipset target was not measured.)"
fi
echo
echo "### Reload time (the same files loaded again where they are loaded; median of $RUNS; ratios to \`nft -f\` of the same round)"
echo
header="| addresses | \`nft -f\` | \`iptables-restore\` + \`ip6tables-restore\` | / nft | \`sh bench.sh\` | / nft |"
rule="|---|---:|---:|---:|---:|---:|"
if ((IPSET)); then
	header="$header iptables-ipset: \`ipset -exist restore\` + both restores | / nft | iptables-ipset: \`sh bench.sh\` | / nft |"
	rule="$rule---:|---:|---:|---:|"
fi
echo "$header"
echo "$rule"
for c in "${RELOAD_CASES[@]}"; do
	row="| $(load_label "$c") | $(ms "$(median_of "reload/nft/$c")")"
	loaders=(ipt script)
	if ((IPSET)); then loaders+=(ips ipsscript); fi
	for l in "${loaders[@]}"; do
		row="$row | $(ms "$(median_of "reload/$l/$c")") | $(median_ratio "reload/$l/$c" "reload/nft/$c")x"
	done
	echo "$row |"
done
echo
echo "### Per-packet cost of UDP sendto() (CPU ns per packet, median of $RUNS; ratio to the same backend's baseline in the same round)"
echo
echo "| ruleset | miss: new flows, dropped | hit: one flow, unreplied | hit: new flows, accepted |"
echo "|---|---:|---:|---:|"
for c in "${PACKET_CONFIGS[@]}"; do
	backend=${c%%-*}
	case $c in
	none) label="no ruleset (no conntrack)" ;;
	*-drop) label="$backend drop-only (baseline for misses)" ;;
	*-accept) label="$backend accept-all (baseline for hits)" ;;
	*-h*) label="$backend $(thousands "${c#*-h}") host addresses (hash set)" ;;
	ips-*) label="iptables-ipset $(thousands "${c#*-n}") addresses" ;;
	*) label="$backend $(thousands "${c#*-n}") addresses" ;;
	esac
	[[ $backend == ips ]] && backend=ipt
	row="| $label"
	for mode in miss-new hit-same hit-new; do
		cell=$(printf '%.0f' "$(median_of "pkt/$c/$mode")")
		if [[ $c != none ]]; then
			if [[ $mode == miss-new ]]; then base=$backend-drop; else base=$backend-accept; fi
			cell="$cell ($(median_ratio "pkt/$c/$mode" "pkt/$base/$mode")x)"
		fi
		row="$row | $cell"
	done
	echo "$row |"
done

# The targets of the issue, where this run measured what they need.
verdict() { if awk -v v="$1" -v max="$2" 'BEGIN { exit !(v <= max) }'; then echo holds; else echo "does not hold"; fi; }
echo
echo "### Targets"
echo
if [[ -n ${SAMPLES[load/nft/n10000]:-} ]]; then
	v=$(median_of load/nft/n10000)
	echo "- 10k-address nftables ruleset loads in under 100 ms: $(ms "$v"), $(verdict "$v" 99999)."
fi
if [[ -n ${SAMPLES[pkt/nft-n10000/miss-new]:-} ]]; then
	for mode in miss-new hit-same hit-new; do
		if [[ $mode == miss-new ]]; then base=nft-drop; else base=nft-accept; fi
		v=$(median_ratio "pkt/nft-n10000/$mode" "pkt/$base/$mode")
		echo "- 10k-address nftables ruleset adds at most 25% per packet ($mode vs $base): ${v}x, $(verdict "$v" 1.25)."
	done
fi
for c in "${LOAD_CASES[@]:1}"; do
	v=$(median_ratio "load/ipt/$c" "load/nft/$c")
	w=$(median_ratio "load/script/$c" "load/nft/$c")
	echo "- iptables load within 2x of nftables, addresses $(load_label "$c"): restore ${v}x, $(verdict "$v" 2); bench.sh ${w}x, $(verdict "$w" 2)."
done
if ((IPSET)); then
	for c in "${LOAD_CASES[@]:1}"; do
		v=$(median_ratio "load/ips/$c" "load/nft/$c")
		w=$(median_ratio "load/ipsscript/$c" "load/nft/$c")
		echo "- iptables-ipset load within 2x of nftables, addresses $(load_label "$c"): restore ${v}x, $(verdict "$v" 2); bench.sh ${w}x, $(verdict "$w" 2)."
	done
fi
for c in "${RELOAD_CASES[@]}"; do
	v=$(median_ratio "reload/ipt/$c" "reload/nft/$c")
	w=$(median_ratio "reload/script/$c" "reload/nft/$c")
	echo "- iptables reload within 2x of nftables, addresses $(load_label "$c"): restore ${v}x, $(verdict "$v" 2); bench.sh ${w}x, $(verdict "$w" 2)."
	if ((IPSET)); then
		v=$(median_ratio "reload/ips/$c" "reload/nft/$c")
		w=$(median_ratio "reload/ipsscript/$c" "reload/nft/$c")
		echo "- iptables-ipset reload within 2x of nftables, addresses $(load_label "$c"): restore ${v}x, $(verdict "$v" 2); bench.sh ${w}x, $(verdict "$w" 2)."
	fi
done
