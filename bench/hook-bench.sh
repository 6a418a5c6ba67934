#!/usr/bin/env bash
# bench/hook-bench.sh: how much time the policyc OCI hook adds to starting a container.
#
# As root, on a machine with podman, runc, nftables and busybox-static (.ci/run installs them):
#
#     bench/hook-bench.sh            # PAIRS=15 by default
#     PAIRS=31 bench/hook-bench.sh
#
# 1. Compiles two policies to OCI hook bundles with ./policyc: "small" allows 10 addresses,
#    "large" 10,000 (odd addresses, so that the optimizer cannot merge them into prefixes).
# 2. For each, PAIRS pairs of `podman run --rm --network none --cap-drop NET_RAW IMAGE true`,
#    once with `--annotation policyc.policy=NAME` (the hook runs) and once without (it does not;
#    the same --hooks-dir is given both times), the order alternating from pair to pair. Reports
#    the median of the per-pair differences and the median of each side.
# 3. Times the hook program alone (`bin/policyc-hook apply BUNDLE` with a made-up container
#    state, in a network namespace of the script's own, the policy's table deleted before each
#    run so that each is a first load), and its two big steps on their own:
#    `sha256sum -c` of the three files a start checks (the program, the policy's manifest and
#    its ruleset) and `nft -f` of the whole ruleset file (a re-apply's load; a first load leaves
#    out the file's replacing head and takes less).
#
# Rootful podman with runc and a containers.conf that sets ulimits this machine allows (see
# docs/benchmarks.md); the image is made from /bin/busybox. Everything the script makes (image,
# namespace, files) is removed at the end, also on failure. Nothing is sent on any network.
set -euo pipefail

PAIRS=${PAIRS:-15}
ALONE_RUNS=${ALONE_RUNS:-15}
ROOT=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)

die() { echo "hook-bench: $*" >&2; exit 1; }
[[ $(id -u) == 0 ]] || die "run as root (rootful podman, network namespaces)"
for tool in podman runc nft ip tar sha256sum awk; do
  command -v "$tool" >/dev/null || die "$tool is missing (Debian: apt-get install podman runc nftables iproute2)"
done
[[ -x /bin/busybox ]] || die "/bin/busybox is missing (Debian: apt-get install busybox-static)"

work=$(mktemp -d /tmp/policyc-hook-bench.XXXXXX)
image=localhost/policyc-hook-bench-$$:latest
netns=policyc-bench-$$
cleanup() {
  podman rmi -f "$image" >/dev/null 2>&1 || true
  ip netns del "$netns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

export CONTAINERS_CONF=$work/containers.conf
cat >"$CONTAINERS_CONF" <<'EOF'
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
[engine]
runtime = "runc"
EOF

# The image: busybox and the few links a container needs here.
mkdir -p "$work/rootfs/bin" "$work/rootfs/etc" "$work/rootfs/proc" "$work/rootfs/sys" "$work/rootfs/dev"
cp /bin/busybox "$work/rootfs/bin/busybox"
for applet in sh true sleep; do ln -s busybox "$work/rootfs/bin/$applet"; done
tar -C "$work/rootfs" -cf "$work/rootfs.tar" .
podman import -q "$work/rootfs.tar" "$image" >/dev/null

# The policies. Address i of the large one is 10.A.B.C with C odd: no two are adjacent.
policy() { # NAME COUNT
  local name=$1 count=$2 i
  {
    echo "define net peers = {"
    for ((i = 0; i < count; i++)); do
      echo "    host 10.$((i / 128 / 256)).$((i / 128 % 256)).$((i % 128 * 2 + 1))$( ((i + 1 < count)) && echo ,)"
    done
    echo "}"
    echo "policy $name {"
    echo "    allow out tcp to \$peers port 443"
    echo "}"
  } >"$work/$name.policy"
  "$ROOT/policyc" -q compile "$work/$name.policy" --target oci-hook -o "$work/$name"
}
policy small 10
policy large 10000
elements=$(grep -o '10\.[0-9]*\.[0-9]*\.[0-9]*' "$work/large/policies/large.nft" | wc -l)
[[ $elements -ge 10000 ]] || die "the large ruleset holds $elements addresses, not 10000"

now_ms() { echo $(($(date +%s%N) / 1000000)); }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

run_once() { # BUNDLE [ANNOTATION...]: prints the milliseconds one podman run took
  local bundle=$1 start end
  shift
  start=$(now_ms)
  podman run --rm --network none --cap-drop NET_RAW --hooks-dir "$bundle/hooks.d" "$@" "$image" true >/dev/null
  end=$(now_ms)
  echo $((end - start))
}

pairs() { # NAME ADDRESSES
  local name=$1 bundle=$work/$1 i with without
  : >"$work/$name.with"
  : >"$work/$name.without"
  : >"$work/$name.diff"
  run_once "$bundle" >/dev/null
  run_once "$bundle" --annotation "policyc.policy=$name" >/dev/null
  for ((i = 0; i < PAIRS; i++)); do
    if ((i % 2 == 0)); then
      without=$(run_once "$bundle")
      with=$(run_once "$bundle" --annotation "policyc.policy=$name")
    else
      with=$(run_once "$bundle" --annotation "policyc.policy=$name")
      without=$(run_once "$bundle")
    fi
    echo "$with" >>"$work/$name.with"
    echo "$without" >>"$work/$name.without"
    echo $((with - without)) >>"$work/$name.diff"
  done
  printf '| %s | %s | %s | %s | **%s** |\n' "$name" "$2" \
    "$(median <"$work/$name.without")" "$(median <"$work/$name.with")" "$(median <"$work/$name.diff")"
}

# A made-up container for the hook alone: state on stdin, config.json like podman's.
fake_state() { # NAME
  local dir=$work/fake-$1
  mkdir -p "$dir"
  printf 'nameserver 127.0.0.1\n' >"$dir/resolv.conf"
  printf '127.0.0.1 localhost\n' >"$dir/hosts"
  printf '%s' '{"ociVersion":"1.0.2-dev","process":{"args":["true"],"capabilities":{"bounding":["CAP_CHOWN"],"effective":["CAP_CHOWN"],"permitted":["CAP_CHOWN"]}},"mounts":[{"destination":"/etc/resolv.conf","type":"bind","source":"'"$dir"'/resolv.conf"},{"destination":"/etc/hosts","type":"bind","source":"'"$dir"'/hosts"}],"linux":{"namespaces":[{"type":"pid"},{"type":"network","path":"/run/netns/'"$netns"'"},{"type":"mount"}]}}' >"$dir/config.json"
  printf '%s' '{"ociVersion":"1.0.2-dev","id":"bench","status":"creating","pid":1,"bundle":"'"$dir"'","annotations":{"policyc.policy":"'"$1"'"}}' >"$dir/state.json"
}

time_ms() { # COMMAND...: milliseconds it took (it must succeed)
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

alone() { # NAME
  local name=$1 bundle=$work/$1 i
  fake_state "$name"
  : >"$work/$name.alone"
  : >"$work/$name.sums"
  : >"$work/$name.nft"
  ip netns add "$netns"
  for ((i = 0; i < ALONE_RUNS; i++)); do
    ip netns exec "$netns" nft delete table inet "policyc_$name" 2>/dev/null || true
    time_ms ip netns exec "$netns" sh -c "'$bundle/bin/policyc-hook' apply '$bundle' <'$work/fake-$name/state.json'" >>"$work/$name.alone"
    time_ms sh -c "cd '$bundle' && grep -E ' (bin/policyc-hook|policies/$name\\.(hook|nft))\$' SHA256SUMS | sha256sum -c -" >>"$work/$name.sums"
    time_ms ip netns exec "$netns" nft -f "$bundle/policies/$name.nft" >>"$work/$name.nft"
  done
  ip netns del "$netns"
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$(du -k "$bundle/policies/$name.nft" | cut -f1) KiB" \
    "$(median <"$work/$name.alone")" "$(median <"$work/$name.sums")" "$(median <"$work/$name.nft")"
}

echo "podman $(podman --version | awk '{ print $3 }'), runc $(runc --version | awk 'NR == 1 { print $3 }'), $(nft --version), kernel $(uname -r), $(nproc) cores, load $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo
echo "podman run --rm --network none --cap-drop NET_RAW IMAGE true, $PAIRS pairs (ms, medians):"
echo
echo "| policy | addresses | without hook | with hook | added (median of pair differences) |"
echo "|---|---:|---:|---:|---:|"
pairs small 10
pairs large 10000

echo
echo "The hook program alone, $ALONE_RUNS runs (ms, medians):"
echo
echo "| policy | ruleset | policyc-hook apply | of which sha256sum -c (3 files) | nft -f of the whole file |"
echo "|---|---:|---:|---:|---:|"
alone small
alone large
