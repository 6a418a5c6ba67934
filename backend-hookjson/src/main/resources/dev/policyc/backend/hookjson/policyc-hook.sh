#!/bin/sh
# policyc-hook: applies a policyc firewall policy inside a container's network namespace.
#
# podman runs it as an OCI hook at the createContainer stage (see ../hooks.d/policyc.json):
#
#     policyc-hook apply BUNDLE_DIR    < the container's state (JSON, from the runtime)
#
# At that stage the hook runs in the container's namespaces, network included, with the
# capabilities that podman drops before the container's process starts, and still sees the
# host's files. A non-zero exit makes podman refuse to start the container, so the hook fails
# closed: every error, expected or not, ends with a non-zero status and ONE line on stderr.
#
#     policyc-hook check BUNDLE_DIR    checks the bundle's checksums and this host's tools.
#
# Only POSIX sh and the usual host tools (sed, grep, awk, sha256sum, getent, unshare,
# mount; nft, or iptables-restore and ip6tables-restore): no JVM, jq or python at container
# start. JSON is read with grep and sed, relying on what runtimes write (compact JSON) and on
# one property of JSON: a double quote that follows '{' or ',' always opens a key, so
# '[{,]"key":' can never match text inside a string. Values are read only when they hold no
# escapes; anything unexpected is refused, never guessed.
set -euf
umask 077
LC_ALL=C
export LC_ALL
: "${PATH:=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin}"
export PATH
# getent gives up on a silent nameserver after 2 s, twice; `timeout` bounds the rest.
RES_OPTIONS="timeout:2 attempts:2"
export RES_OPTIONS

step="starting"
reported=""
container="?"
warnings=""
exec 3>&2

# say MESSAGE: the one line on stderr (fd 3), and the system log when there is one.
say() {
    printf 'policyc-hook: %s\n' "$1" | head -n 1 | cut -c 1-600 >&3
    bounded 5 logger -t policyc-hook -- "container $container: $1" >/dev/null 2>&1 || true
}

fail() {
    reported=yes
    say "$1"
    exit 1
}

# warn MESSAGE: logged now, printed on stderr only when the hook succeeds, so that a failure
# still prints one line.
warn() {
    bounded 5 logger -t policyc-hook -p user.warning -- "container $container: $1" >/dev/null 2>&1 || true
    warnings="$warnings$1
"
}

on_exit() {
    status=$?
    if [ "$status" -ne 0 ] && [ -z "$reported" ]; then
        printf 'policyc-hook: failed unexpectedly while %s (status %s); the container does not start\n' \
            "$step" "$status" >&3
    fi
    exit "$status"
}
trap on_exit EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
# From here on, only the line above or `say` reach stderr; tools' messages are captured.
exec 2>/dev/null

first_line() {
    printf '%s\n' "$1" | sed -n '/[^[:space:]]/{s/^[[:space:]]*//;p;q;}' | cut -c 1-300
}

# bounded SECONDS COMMAND...: the command, killed after SECONDS when `timeout` exists.
bounded() {
    b_seconds=$1
    shift
    if command -v timeout >/dev/null 2>&1; then
        timeout "$b_seconds" "$@"
    else
        "$@"
    fi
}

# json_key_values TEXT KEY_REGEX [-i]: every "KEY":"VALUE" pair whose key matches KEY_REGEX
# (a basic regex, matched whole; case-insensitively with -i), one `KEY VALUE` per line. Pairs
# whose value holds an escape are printed with the value "\".
json_key_values() {
    # shellcheck disable=SC2086 # ${3:-} is the optional flag, nothing or -i
    printf '%s' "$1" \
        | grep -o ${3:-} "[{,][[:space:]]*\"$2\"[[:space:]]*:[[:space:]]*\"[^\"]*\"" \
        | sed -e 's/^[{,][[:space:]]*"\([^"]*\)"[[:space:]]*:[[:space:]]*"\([^"]*\)"$/\1 \2/' \
              -e 's/^\([^ ]*\) .*\\.*$/\1 \\/' || true
}

# top_level_string TEXT KEY: the string value of the state's own KEY. runc writes the state's
# keys before "annotations", whose keys are the user's; a runtime that writes them after is
# read only when KEY occurs once in all. Empty when absent, ambiguous or holding escapes.
top_level_string() {
    t_head=$(printf '%s' "$1" | sed 's/"annotations"[[:space:]]*:[[:space:]]*{.*//')
    t_found=$(json_key_values "$t_head" "$2")
    if [ -z "$t_found" ]; then
        t_found=$(json_key_values "$1" "$2")
        [ "$(printf '%s\n' "$t_found" | awk 'END { print NR }')" = 1 ] || t_found=""
    fi
    printf '%s\n' "$t_found" | head -n 1 | sed -n 's/^[^ ]* //; /\\/!p'
}

# mount_source CONFIG DESTINATION: the source of the bind mount at DESTINATION, if any.
mount_source() {
    printf '%s' "$1" | sed -n 's/.*"mounts"[[:space:]]*:[[:space:]]*\[//p' | tr '}' '\n' \
        | grep -F "\"destination\":\"$2\"" | head -n 1 \
        | sed -n 's/.*"source"[[:space:]]*:[[:space:]]*"\([^"\\]*\)".*/\1/p'
}

# parent_of STATUS_FILE: the PPid of a /proc/PID/status in $pid (empty when unreadable), read
# with the shell's own `read`: this runs once per ancestor, on every container start.
# `command exec` keeps a file that vanished (the process exited) from ending the script, as a
# failed redirection of a loop would.
parent_of() {
    pid=""
    command exec 4<"$1" || return 0
    while read -r p_key p_value <&4; do
        if [ "$p_key" = "PPid:" ]; then
            pid=$p_value
            break
        fi
    done
    exec 4<&-
}

valid_policy_name() {
    printf '%s\n' "$1" | grep -Eqx '[a-z][a-z0-9-]{0,23}'
}

# Filters: single addresses nft accepts in an ipv4_addr / ipv6_addr set, one a line.
ipv4_only() {
    grep -Ex '([0-9]{1,3}\.){3}[0-9]{1,3}' | awk -F. '$1 < 256 && $2 < 256 && $3 < 256 && $4 < 256' || true
}
ipv6_only() {
    # IPv4-mapped answers (::ffff:a.b.c.d) are what getent gives for names without AAAA.
    sed 's/%.*//' | grep -Ex '[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*' | grep -Eiv '^::ffff:[0-9.]+$' || true
}
addresses_of_family() {
    if [ "$1" = 4 ]; then ipv4_only; else ipv6_only; fi
}

listed_in_sums() {
    awk -v f="$2" '$2 == f || $2 == ("*" f) { found = 1 } END { exit found ? 0 : 1 }' "$1/SHA256SUMS"
}

verify_sums() {
    v_dir=$1
    shift
    [ -r "$v_dir/SHA256SUMS" ] || fail "the bundle $v_dir has no SHA256SUMS; refusing to start"
    if ! v_out=$(cd "$v_dir" && sha256sum -c SHA256SUMS 2>&1); then
        fail "checksum mismatch in $v_dir: $(first_line "$(printf '%s\n' "$v_out" | grep -v ': OK$')"); reinstall the bundle"
    fi
    for v_file in "$@"; do
        listed_in_sums "$v_dir" "$v_file" || fail "$v_file is not listed in $v_dir/SHA256SUMS; reinstall the bundle"
    done
}

# known_policies DIR: the policies of the bundle, "a, b, c".
known_policies() {
    k_list=""
    set +f
    for k_file in "$1"/policies/*.hook; do
        [ -e "$k_file" ] || continue
        k_name=${k_file##*/}
        k_list="${k_list:+$k_list, }${k_name%.hook}"
    done
    set -f
    printf '%s' "$k_list"
}

# ---------------------------------------------------------------------------------------------
# _resolve RESOLV_CONF HOSTS [SET FAMILY NAME]...: run under `unshare -m`, so that getent reads
# the container's resolv.conf and hosts rather than the host's; prints a marker line, then
# `SET ADDRESS` for every address found.
resolve_inside() {
    r_conf=$1
    r_hosts=$2
    shift 2
    if [ -n "$r_conf" ]; then mount --bind "$r_conf" /etc/resolv.conf || exit 1; fi
    if [ -n "$r_hosts" ]; then mount --bind "$r_hosts" /etc/hosts || exit 1; fi
    echo "#policyc-resolve"
    while [ "$#" -ge 3 ]; do
        getent "ahostsv$2" "$3" | awk -v s="$1" '{ print s, $1 }' || true
        shift 3
    done
}

# resolve_sets RESOLV_CONF HOSTS [SET FAMILY NAME]...: `SET ADDRESS` lines, using the
# container's resolver configuration when it can be bound in a mount namespace of our own,
# else the host's (the hook runs in the container's network namespace either way).
resolve_sets() {
    if [ "$#" -le 2 ]; then return 0; fi
    if [ -n "$1$2" ] && command -v unshare >/dev/null 2>&1; then
        if r_out=$(bounded 40 unshare -m sh "$self" _resolve "$@") \
                && [ "$(printf '%s\n' "$r_out" | head -n 1)" = "#policyc-resolve" ]; then
            printf '%s\n' "$r_out" | sed 1d
            return 0
        fi
        warn "could not read the container's resolv.conf and hosts in a mount namespace of the hook's own; resolved names with the host's"
    fi
    shift 2
    r_out=$(bounded 40 sh "$self" _resolve "" "" "$@") || true
    printf '%s\n' "$r_out" | sed 1d
}

# ---------------------------------------------------------------------------------------------
apply() {
    dir=$1
    self="$dir/bin/policyc-hook"
    case $dir in /*) ;; *) fail "the bundle directory must be absolute, not '$dir'" ;; esac

    step="reading the container state"
    state=$(head -c 1048576 | tr '\n\r\t' '   ')
    [ -n "$state" ] || fail "no container state on stdin; run as an OCI hook"
    container=$(top_level_string "$state" id | cut -c 1-12)
    [ -n "$container" ] || container="?"

    step="reading the policyc.policy annotation"
    keys=$(json_key_values "$state" 'policyc[^"]*' -i | cut -d ' ' -f 1)
    [ -n "$keys" ] || fail "no policyc.policy annotation with a plain string value; refusing to start"
    for key in $keys; do
        [ "$key" = policyc.policy ] || fail "unknown annotation key '$key': keys starting with policyc are reserved, use policyc.policy=NAME; refusing to start"
    done
    [ "$(printf '%s\n' "$keys" | awk 'END { print NR }')" = 1 ] || fail "more than one policyc.policy annotation; refusing to start"
    policy=$(json_key_values "$state" 'policyc\.policy' | sed 's/^[^ ]* //')
    valid_policy_name "$policy" || fail "the policyc.policy annotation '$policy' is not a policy name ([a-z][a-z0-9-]{0,23}); refusing to start"
    [ -d "$dir/policies" ] || fail "no policies in $dir; is the bundle installed there?"
    if [ ! -f "$dir/policies/$policy.hook" ]; then
        fail "unknown policy '$policy' (this bundle has: $(known_policies "$dir")); refusing to start"
    fi

    step="checking the bundle's checksums"
    verify_sums "$dir" bin/policyc-hook "policies/$policy.hook"
    manifest=$(cat "$dir/policies/$policy.hook")
    [ "$(printf '%s\n' "$manifest" | head -n 1)" = "policyc-hook manifest 1" ] \
        || fail "policies/$policy.hook is not a manifest this hook reads; reinstall the bundle"
    table=$(printf '%s\n' "$manifest" | sed -n 's/^table inet \(policyc_[a-z0-9-]*\)$/\1/p')
    [ "$table" = "policyc_$policy" ] || fail "policies/$policy.hook names no table policyc_$policy; reinstall the bundle"
    strict=$(printf '%s\n' "$manifest" | sed -n 's/^strict-dns \([a-z]*\)$/\1/p')

    step="reading the container's config.json"
    bundle=$(top_level_string "$state" bundle)
    case $bundle in /*) ;; *) fail "the container state names no absolute bundle path; refusing to start" ;; esac
    [ -r "$bundle/config.json" ] || fail "cannot read $bundle/config.json; refusing to start"
    config=$(head -c 8388608 "$bundle/config.json" | tr '\n\r\t' '   ')

    step="checking the network namespace"
    namespaces=$(printf '%s' "$config" | grep -o '"namespaces"[[:space:]]*:[[:space:]]*\[[^]]*\]' | head -n 1 || true)
    [ -n "$namespaces" ] || fail "config.json has no linux.namespaces; refusing to start"
    if ! printf '%s' "$namespaces" | grep -q '"type"[[:space:]]*:[[:space:]]*"network"'; then
        fail "the container shares the host's network namespace (--network host), which policyc cannot firewall; refusing to start"
    fi
    step="checking the container's capabilities"
    caps=$(printf '%s' "$config" | grep -o '"capabilities"[[:space:]]*:[[:space:]]*{[^}]*}' || true)
    [ -n "$caps" ] || fail "config.json has no process.capabilities, so the container might keep them all; refusing to start"
    if printf '%s' "$caps" | grep -q '"CAP_NET_ADMIN"'; then
        fail "the container would keep CAP_NET_ADMIN (--cap-add NET_ADMIN or --privileged) and could undo its firewall; refusing to start"
    fi
    # Packet sockets send frames below netfilter's IP hooks, so CAP_NET_RAW walks around the
    # rules. Whether podman grants it by default depends on containers.conf (podman 4.3's
    # built-in list has it), so users run containers with --cap-drop NET_RAW.
    if printf '%s' "$caps" | grep -q '"CAP_NET_RAW"'; then
        fail "the container would keep CAP_NET_RAW (--cap-add NET_RAW), whose packet sockets bypass the firewall; refusing to start (run it with --cap-drop NET_RAW)"
    fi

    step="checking the network namespace"
    # Proof that this namespace is not podman's: some ancestor (runc, conmon) is elsewhere.
    own=$(readlink /proc/self/ns/net) || fail "cannot read /proc/self/ns/net; refusing to start"
    parent_of /proc/self/status
    hops=0
    separate=""
    while [ "$hops" -lt 32 ] && [ -n "$pid" ] && [ "$pid" -gt 1 ]; do
        ns=$(readlink "/proc/$pid/ns/net" || true)
        if [ -n "$ns" ] && [ "$ns" != "$own" ]; then
            separate=$pid
            break
        fi
        parent_of "/proc/$pid/status"
        hops=$((hops + 1))
    done
    [ -n "$separate" ] || fail "the hook runs in the network namespace of the processes that started it, not one of the container's own (--network host?); refusing to start"

    step="finding nft or iptables-restore"
    # One `nft list tables` both shows that nft works here and lists the tables apply_nft
    # looks at: each nft start costs about 15 ms, paid by every container start.
    if command -v nft >/dev/null 2>&1 && tables=$(nft list tables 2>&1); then
        apply_nft
    elif command -v iptables-restore >/dev/null 2>&1 && command -v ip6tables-restore >/dev/null 2>&1 \
            && iptables-save -t filter >/dev/null 2>&1 && ip6tables-save -t filter >/dev/null 2>&1; then
        apply_iptables
    else
        fail "neither nft nor iptables-restore works here, so policy '$policy' cannot be applied; refusing to start"
    fi

    if [ -n "$warnings" ]; then
        printf '%s' "$warnings" | sed 's/^/policyc-hook: warning: /' >&3
    fi
    exit 0
}

# fill_runtime_sets: the `add element` lines for the runtime sets of the manifest, in $elements.
fill_runtime_sets() {
    step="resolving dns names"
    dns_args=$(printf '%s\n' "$manifest" | awk '$1 == "set" && $4 == "dns" && $2 ~ /^dns_[0-9]+_v[46]$/ && $3 ~ /^[46]$/ \
        && $5 ~ /^[A-Za-z0-9._-]+$/ { print $2, $3, $5 }')
    resolv_conf=$(mount_source "$config" /etc/resolv.conf)
    hosts_file=$(mount_source "$config" /etc/hosts)
    [ -z "$resolv_conf" ] || [ -r "$resolv_conf" ] || resolv_conf=""
    [ -z "$hosts_file" ] || [ -r "$hosts_file" ] || hosts_file=""
    # shellcheck disable=SC2086 # set names, families and dns names hold no blanks or globs
    resolved=$(resolve_sets "$resolv_conf" "$hosts_file" $dns_args)

    unresolved=""
    sets=$(printf '%s\n' "$manifest" | awk '$1 == "set" { print $2, $3, $4, $5 }')
    for name in $(printf '%s\n' "$dns_args" | awk 'NF == 3 { print $3 }' | sort -u); do
        n_found=$(printf '%s\n' "$dns_args" | awk -v n="$name" '$3 == n { print $1, $2 }' | while read -r s f; do
            printf '%s\n' "$resolved" | awk -v s="$s" '$1 == s { print $2 }' | addresses_of_family "$f"
        done)
        if [ -z "$n_found" ]; then unresolved="$unresolved $name"; fi
    done
    if [ -n "$unresolved" ]; then
        if [ "$strict" = yes ]; then
            fail "dns names of policy '$policy' did not resolve:$unresolved (compiled with --strict-dns); refusing to start"
        fi
        warn "dns names of policy '$policy' did not resolve, so they allow nothing:$unresolved"
    fi
    nameservers=""
    if [ -n "$resolv_conf" ]; then
        nameservers=$(sed -n 's/^[[:space:]]*nameserver[[:space:]]\{1,\}\([^[:space:]#;]\{1,\}\).*/\1/p' "$resolv_conf" \
            | sed 's/%.*//' | head -n 16)
    fi
    while read -r set_name family kind rest; do
        [ -n "$set_name" ] || continue
        case $set_name in
            dns_[0-9]*_v[46] | resolver_v[46]) ;;
            *) fail "policies/$policy.hook names a set '$set_name' this hook does not fill; reinstall the bundle" ;;
        esac
        if [ "$kind" = resolver ]; then
            addresses=$(printf '%s\n' "$nameservers" | addresses_of_family "$family")
            [ -n "$addresses" ] || warn "the container has no IPv$family nameserver in its resolv.conf, so 'resolver' allows no IPv$family address"
        else
            addresses=$(printf '%s\n' "$resolved" | awk -v s="$set_name" '$1 == s { print $2 }' | addresses_of_family "$family")
            if [ -z "$addresses" ] && [ -n "$reapply" ]; then
                # Another container of this namespace filled the set; keep what it found rather
                # than cut the first container off because this lookup failed.
                addresses=$(nft list set inet "$table" "$set_name" | tr '\n' ' ' \
                    | sed -n 's/.*elements = {\([^}]*\)}.*/\1/p' | tr ',' '\n' | tr -d ' ' | addresses_of_family "$family")
                [ -z "$addresses" ] || warn "kept the addresses already in $set_name ($rest) of the shared network namespace"
            fi
        fi
        addresses=$(printf '%s\n' "$addresses" | sort -u | head -n 1024 | paste -s -d ',' - | sed 's/,/, /g')
        if [ -n "$addresses" ]; then
            elements="${elements}add element inet $table $set_name { $addresses }
"
        fi
    done <<EOF_SETS
$sets
EOF_SETS
}

apply_nft() {
    step="looking for other policies in this network namespace"
    other=$(printf '%s\n' "$tables" | sed -n 's/^table inet policyc_\([a-z0-9-]*\)$/\1/p' | grep -vx "$policy" | head -n 1 || true)
    if [ -n "$other" ]; then
        fail "the network namespace is shared with a container under policy '$other' (a pod or --network container:), and policy '$policy' would weaken or contradict it; refusing to start"
    fi
    reapply=""
    if printf '%s\n' "$tables" | grep -qx "table inet $table"; then reapply=yes; fi
    # Every file listed in SHA256SUMS was verified above; the ruleset must be one of them.
    listed_in_sums "$dir" "policies/$policy.nft" \
        || fail "policies/$policy.nft is not listed in $dir/SHA256SUMS; reinstall the bundle"

    elements=""
    # Policies without dns names or resolver have no runtime sets: skip the lookups, and the
    # dozen processes they start (each costs a container start a millisecond or more).
    case $manifest in
        *"
set "*) fill_runtime_sets ;;
    esac

    step="applying policy $policy with nft"
    ruleset=$(cat "$dir/policies/$policy.nft") || fail "cannot read policies/$policy.nft; refusing to start"
    # The ruleset replaces table policyc_NAME and the elements fill its sets: one file, one
    # `nft -f`, one transaction. Either all of it is in place or none of it changed.
    # nft's exit status is the transaction's: listing the table afterwards would only repeat it,
    # at the cost of printing every element of its sets (20 ms for 10,000 addresses).
    if ! out=$(printf '%s\n%s' "$ruleset" "$elements" | nft -f - 2>&1); then
        fail "nft could not apply policy '$policy', nothing changed: $(first_line "$out"); refusing to start"
    fi
}

apply_iptables() {
    step="looking for other policies in this network namespace"
    if printf '%s\n' "$manifest" | grep -q '^set '; then
        fail "nft does not work here and policy '$policy' uses dns or resolver, which its iptables fallback cannot express; refusing to start"
    fi
    if [ ! -f "$dir/policies/$policy.v4.rules" ] || [ ! -f "$dir/policies/$policy.v6.rules" ]; then
        fail "nft does not work here and policy '$policy' has no iptables fallback; refusing to start"
    fi
    for v_file in "policies/$policy.v4.rules" "policies/$policy.v6.rules"; do
        # Verified with the rest of SHA256SUMS above; they must be listed there.
        listed_in_sums "$dir" "$v_file" || fail "$v_file is not listed in $dir/SHA256SUMS; reinstall the bundle"
    done
    saved=$(iptables-save -t filter 2>&1) || fail "iptables-save failed: $(first_line "$saved"); refusing to start"
    other=$(printf '%s\n' "$saved" | sed -n 's/^:pc_\([a-z0-9-]*\) .*/\1/p' | grep -vx "$policy" | head -n 1 || true)
    if [ -n "$other" ]; then
        fail "the network namespace is shared with a container under policy '$other' (a pod or --network container:), and policy '$policy' would replace it; refusing to start"
    fi

    step="applying policy $policy with iptables-restore"
    # A chain named after the policy marks the namespace as ours, for the check above.
    for version in 4 6; do
        rules=$(cat "$dir/policies/$policy.v$version.rules") || fail "cannot read policies/$policy.v$version.rules; refusing to start"
        printf '%s\n' "$rules" | grep -qx '\*filter' || fail "policies/$policy.v$version.rules has no *filter table; reinstall the bundle"
        marked=$(printf '%s\n' "$rules" | awk -v m=":pc_$policy - [0:0]" '{ print } $0 == "*filter" { print m }')
        restore=iptables-restore
        [ "$version" = 4 ] || restore=ip6tables-restore
        if ! out=$(printf '%s\n' "$marked" | "$restore" -w 10 2>&1); then
            done_note=""
            [ "$version" = 4 ] || done_note=" (its IPv4 rules were applied)"
            fail "$restore could not apply policy '$policy'$done_note: $(first_line "$out"); refusing to start"
        fi
    done
}

check() {
    dir=$1
    self="$dir/bin/policyc-hook"
    step="checking the bundle"
    verify_sums "$dir" bin/policyc-hook
    policies=$(known_policies "$dir")
    [ -n "$policies" ] || fail "no policies in $dir"
    tools=""
    if command -v nft >/dev/null 2>&1; then tools="nft"; fi
    if command -v iptables-restore >/dev/null 2>&1 && command -v ip6tables-restore >/dev/null 2>&1; then
        tools="${tools:+$tools, }iptables-restore"
    fi
    [ -n "$tools" ] || fail "neither nft nor iptables-restore is installed; every annotated container would refuse to start"
    printf 'policyc-hook: ok: %s (policies: %s; tools: %s)\n' "$dir" "$policies" "$tools"
}

case ${1:-} in
    apply)
        [ "$#" -eq 2 ] || fail "usage: policyc-hook apply BUNDLE_DIR < state.json"
        apply "$2"
        ;;
    check)
        [ "$#" -eq 2 ] || fail "usage: policyc-hook check BUNDLE_DIR"
        check "$2"
        ;;
    _resolve)
        shift
        [ "$#" -ge 2 ] || exit 2
        resolve_inside "$@"
        ;;
    *)
        fail "usage: policyc-hook apply|check BUNDLE_DIR"
        ;;
esac
