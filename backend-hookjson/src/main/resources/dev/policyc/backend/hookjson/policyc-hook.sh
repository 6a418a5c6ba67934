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
# start. The JSON inputs are parsed by one awk program (read_inputs, below); values holding
# escapes are not read, and anything unexpected is refused, never guessed.
#
# Every process costs a container start a millisecond or more, so the path of an accepted
# container without dns names starts five: awk, sha256sum, `nft list tables`, sed (the ruleset
# without its replacing head, see apply_nft) and `nft -f`. The rest is the shell's own (case,
# read, parameter expansion, test).
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

# The one awk program that reads everything the hook needs from JSON and SHA256SUMS, in one
# process (each process costs a container start a millisecond or more):
#
# - the container state on stdin (at most 1 MiB): its own "id" and "bundle", and every key of
#   "annotations" that starts with policyc in any case, with the value of "policyc.policy";
# - BUNDLE/config.json (at most 8 MiB): linux.namespaces, process.capabilities, and the sources
#   of the bind mounts at /etc/resolv.conf and /etc/hosts;
# - the lines of $P_DIR/SHA256SUMS for the program and for the files of the named policy.
#
# JSON is parsed for real (strings, with escaped quotes; objects; arrays; scalars), so a value
# is found by its path, never by its text: text inside a string, like an annotation's value, can
# never pass for a key or a structure. Strings holding escapes are not decoded: they count as
# unreadable values, so anything unexpected is refused, never guessed. Input that is not JSON
# (or too large) is reported as such. Two leniencies, harmless for that reason: an escape is
# not checked beyond the character it escapes, and a tab or line break inside a string (which
# JSON forbids) reads as a blank.
#
# The output is lines `KEY VALUE`, one per fact, read by the shell with `case` and parameter
# expansion, never by eval. Every value printed is made of printable ASCII (anything else
# becomes '?') and holds no newline, so no input can add a line, and the shell only ever
# assigns values to variables and compares them.
read_inputs='
function disp(s, n) {
    gsub(/[^ -~]/, "?", s)
    return substr(s, 1, n)
}
function oddbs(s) {
    return match(s, /\\+$/) && RLENGTH % 2 == 1
}
# lex(TEXT): the tokens of TEXT in tt (type: { } [ ] : , s for a string, v for a scalar), tv
# (the text of a string or scalar) and te (1 when a string holds an escape). 0 on bad input.
function lex(text,    p, n, i, s) {
    split("", tt); split("", tv); split("", te)
    ntok = 0
    n = split(text, p, "\"")
    for (i = 1; i <= n; i++) {
        if (!lex_outside(p[i])) return 0
        if (++i > n) break
        s = p[i]
        while (oddbs(s)) {
            if (++i > n) return 0
            s = s "\"" p[i]
        }
        if (i == n) return 0
        ntok++
        tt[ntok] = "s"
        tv[ntok] = s
        te[ntok] = index(s, "\\") > 0
    }
    return 1
}
function lex_outside(seg,    k, len, c) {
    len = length(seg)
    for (k = 1; k <= len; k++) {
        c = substr(seg, k, 1)
        if (c == " ") continue
        if (index("{}[]:,", c)) {
            tt[++ntok] = c
        } else if (match(substr(seg, k), /^(-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?|true|false|null)/)) {
            tt[++ntok] = "v"
            tv[ntok] = substr(seg, k, RLENGTH)
            k += RLENGTH - 1
        } else {
            return 0
        }
    }
    return 1
}
# parse(TEXT): 1 when TEXT is one JSON object, calling seen_string and seen_container on the way.
function parse(text) {
    if (!lex(text) || tt[1] != "{") return 0
    pos = 1
    bad = 0
    value("", 0)
    return !bad && pos == ntok + 1
}
function value(path, depth,    t) {
    t = tt[pos]
    if (depth > 64 || pos > ntok) {
        bad = 1
    } else if (t == "{") {
        seen_container(path, t)
        pos++
        object(path, depth)
    } else if (t == "[") {
        seen_container(path, t)
        pos++
        array(path, depth)
    } else if (t == "s") {
        seen_string(path, tv[pos], te[pos])
        pos++
    } else if (t == "v") {
        pos++
    } else {
        bad = 1
    }
}
function object(path, depth,    key) {
    if (tt[pos] == "}") { pos++; return }
    while (!bad) {
        if (tt[pos] != "s" || tt[pos + 1] != ":") { bad = 1; return }
        key = tv[pos]
        seen_key(path, key)
        pos += 2
        value(path SEP key, depth + 1)
        if (tt[pos] == "}") { pos++; return }
        if (tt[pos] != ",") { bad = 1; return }
        pos++
    }
}
function array(path, depth,    i) {
    if (tt[pos] == "]") { pos++; return }
    for (i = 0; !bad; i++) {
        value(path SEP "#" i, depth + 1)
        if (tt[pos] == "]") { pos++; return }
        if (tt[pos] != ",") { bad = 1; return }
        pos++
    }
}
function seen_key(path, key) {
    if (doc != "state") return
    if (path == "" && key == "id") ids++
    if (path == "" && key == "bundle") bundles++
    if (path == SEP "annotations" && tolower(key) ~ /^policyc/) akeys = akeys "akey " disp(key, 100) "\n"
}
function seen_string(path, s, escaped,    part, n, i) {
    if (doc == "state") {
        if (path == SEP "id") id = escaped ? "" : s
        if (path == SEP "bundle") bundle = escaped ? "" : s
        if (path == SEP "annotations" SEP "policyc.policy") policy = escaped ? "\\" : s
        return
    }
    n = split(path, part, SEP)
    if (n == 5 && part[2] == "process" && part[3] == "capabilities" && part[5] ~ /^#/) {
        if (s == "CAP_NET_ADMIN") admin = 1
        if (s == "CAP_NET_RAW") raw = 1
    } else if (n == 5 && part[2] == "linux" && part[3] == "namespaces" && part[4] ~ /^#/ && part[5] == "type") {
        if (s == "network") network = 1
    } else if (n == 4 && part[2] == "mounts" && part[3] ~ /^#/ && !escaped) {
        i = substr(part[3], 2) + 0
        if (i >= mounts) mounts = i + 1
        if (part[4] == "destination") destination[i] = s
        if (part[4] == "source") source[i] = s
    }
}
function seen_container(path, t) {
    if (doc != "config") return
    if (path == SEP "process" SEP "capabilities" && t == "{") capsets++
    if (path == SEP "linux" SEP "namespaces" && t == "[") namespaces++
}
# slurp(FILE, MAX): the lines of FILE (stdin when "-") joined by blanks, in text; status is
# ok, empty (nothing but blanks), unreadable or large (more than MAX bytes).
function slurp(file, max,    line, r, size) {
    text = ""
    size = 0
    status = "empty"
    for (;;) {
        if (file == "-") r = getline line
        else r = getline line < file
        if (r <= 0) break
        size += length(line) + 1
        if (size > max) { status = "large"; text = ""; return }
        if (line ~ /[^ \t\r]/) status = "ok"
        text = text line " "
    }
    if (r < 0) status = "unreadable"
    gsub(/[\t\r]/, " ", text)
}
# mount_source(DESTINATION): the source of the first mount at DESTINATION, when it is a plain
# absolute path.
function mount_source(target,    i) {
    for (i = 0; i < mounts; i++) {
        if (destination[i] == target) {
            return (i in source) && source[i] ~ /^\// && disp(source[i], 4096) == source[i] ? source[i] : ""
        }
    }
    return ""
}
BEGIN {
    SEP = "\034"
    slurp("-", 1048576)
    doc = "state"
    if (status == "ok" && !parse(text)) status = "invalid"
    print "state " status
    if (status != "ok") exit 0
    if (ids == 1) print "id " disp(id, 12)
    printf "%s", akeys
    print "policy " disp(policy, 100)

    dir = ENVIRON["P_DIR"]
    named = policy ~ /^[a-z][a-z0-9-]*$/ && length(policy) <= 24
    while ((getline line < (dir "/SHA256SUMS")) > 0) {
        split(line, f)
        name = f[2]
        sub(/^\*/, "", name)
        if (name == "bin/policyc-hook") sums["prog"] = line
        if (named && name == "policies/" policy ".hook") sums["manifest"] = line
        if (named && name == "policies/" policy ".nft") sums["nft"] = line
        if (named && name == "policies/" policy ".v4.rules") sums["v4"] = line
        if (named && name == "policies/" policy ".v6.rules") sums["v6"] = line
    }
    split("prog manifest nft v4 v6", kinds, " ")
    for (k = 1; k <= 5; k++) if (kinds[k] in sums) print "sum_" kinds[k] " " disp(sums[kinds[k]], 4096)

    if (bundles != 1 || bundle !~ /^\//) exit 0
    print "bundle " disp(bundle, 300)
    slurp(bundle "/config.json", 8388608)
    doc = "config"
    if (status == "ok" && !parse(text)) status = "invalid"
    if (status == "ok" && (capsets > 1 || namespaces > 1)) status = "invalid"
    print "config " status
    if (status != "ok") exit 0
    print "namespaces " (namespaces == 0 ? "missing" : network ? "network" : "shared")
    print "capabilities " (capsets == 0 ? "missing" : admin ? "CAP_NET_ADMIN" : raw ? "CAP_NET_RAW" : "ok")
    print "resolv " mount_source("/etc/resolv.conf")
    print "hosts " mount_source("/etc/hosts")
}'

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

# netns_differs PID: true when the network namespace of process PID can be seen and is not
# this one. `test -ef` compares the namespaces' inodes in the shell itself; the namespace is
# looked at again afterwards, so that a process that vanished in between proves nothing. A
# shell whose test lacks -ef (own is set then) pays a readlink process per ancestor.
netns_differs() {
    if [ -z "$own" ]; then
        # shellcheck disable=SC3013 # see apply: -ef works in this shell
        [ -e "/proc/$1/ns/net" ] && ! [ /proc/self/ns/net -ef "/proc/$1/ns/net" ] && [ -e "/proc/$1/ns/net" ]
    else
        n_ns=$(readlink "/proc/$1/ns/net" || true)
        [ -n "$n_ns" ] && [ "$n_ns" != "$own" ]
    fi
}

# valid_policy_name NAME: [a-z][a-z0-9-]{0,23}, with the shell's own `case`.
valid_policy_name() {
    case $1 in
        "" | [!a-z]* | *[!a-z0-9-]*) return 1 ;;
    esac
    [ "${#1}" -le 24 ]
}

# Filters: single addresses nft accepts in an ipv4_addr / ipv6_addr set, one a line, for the
# rare keep_set_elements (fill_sets applies the same rules to the lookups).
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

# verify_sums DIR FILE...: `sha256sum -c` of the whole bundle (policyc-hook check), and each
# FILE listed.
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

# verify_lines DIR LINE...: `sha256sum -c` of just these lines of DIR/SHA256SUMS (empty ones
# skipped): the files one container start reads, not the whole bundle.
verify_lines() {
    v_dir=$1
    shift
    v_lines=""
    for v_line in "$@"; do
        [ -z "$v_line" ] || v_lines="${v_lines:+$v_lines
}$v_line"
    done
    [ -n "$v_lines" ] || return 0
    if ! v_out=$(cd "$v_dir" && sha256sum -c - 2>&1 <<EOF_SUMS
$v_lines
EOF_SUMS
    ); then
        fail "checksum mismatch in $v_dir: $(first_line "$(printf '%s\n' "$v_out" | grep -v ': OK$')"); reinstall the bundle"
    fi
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
        getent "ahostsv$2" "$3" | while read -r g_address _; do echo "$1 $g_address"; done || true
        shift 3
    done
}

# resolve_sets RESOLV_CONF HOSTS [SET FAMILY NAME]...: `SET ADDRESS` lines in $resolved, using
# the container's resolver configuration when it can be bound in a mount namespace of our own,
# else the host's (the hook runs in the container's network namespace either way).
resolve_sets() {
    resolved=""
    if [ "$#" -le 2 ]; then return 0; fi
    if [ -n "$1$2" ] && command -v unshare >/dev/null 2>&1; then
        if r_out=$(bounded 40 unshare -m sh "$self" _resolve "$@"); then
            case $r_out in
                "#policyc-resolve") return 0 ;;
                "#policyc-resolve
"*)
                    resolved=${r_out#*
}
                    return 0
                    ;;
            esac
        fi
        warn "could not read the container's resolv.conf and hosts in a mount namespace of the hook's own; resolved names with the host's"
    fi
    shift 2
    r_out=$(bounded 40 sh "$self" _resolve "" "" "$@") || true
    case $r_out in
        "#policyc-resolve
"*) resolved=${r_out#*
} ;;
    esac
}

# ---------------------------------------------------------------------------------------------
apply() {
    dir=$1
    self="$dir/bin/policyc-hook"
    case $dir in /*) ;; *) fail "the bundle directory must be absolute, not '$dir'" ;; esac

    step="reading the container state"
    # Everything from JSON and SHA256SUMS in one process; see read_inputs. Variables a line does
    # not set keep the empty value, which every check below refuses.
    parsed=$(P_DIR=$dir awk "$read_inputs")
    state_read="" policy="" key_count=0 odd_key="" bundle="" config_read="" namespaces=""
    capabilities="" resolv_conf="" hosts_file="" sum_prog="" sum_manifest="" sum_nft="" sum_v4="" sum_v6=""
    IFS='
'
    for line in $parsed; do
        value=${line#* }
        case ${line%% *} in
            state) state_read=$value ;;
            id) container=$value ;;
            akey)
                key_count=$((key_count + 1))
                [ -n "$odd_key" ] || [ "$value" = policyc.policy ] || odd_key=$value
                ;;
            policy) policy=$value ;;
            bundle) bundle=$value ;;
            config) config_read=$value ;;
            namespaces) namespaces=$value ;;
            capabilities) capabilities=$value ;;
            resolv) resolv_conf=$value ;;
            hosts) hosts_file=$value ;;
            sum_prog) sum_prog=$value ;;
            sum_manifest) sum_manifest=$value ;;
            sum_nft) sum_nft=$value ;;
            sum_v4) sum_v4=$value ;;
            sum_v6) sum_v6=$value ;;
        esac
    done
    IFS=' 	
'
    [ "$state_read" != empty ] || fail "no container state on stdin; run as an OCI hook"
    [ "$state_read" = ok ] || fail "the container state on stdin is not JSON this hook can read (or more than 1 MiB); refusing to start"
    [ -n "$container" ] || container="?"

    step="reading the policyc.policy annotation"
    [ "$key_count" -gt 0 ] || fail "no policyc.policy annotation with a plain string value; refusing to start"
    [ -z "$odd_key" ] || fail "unknown annotation key '$odd_key': keys starting with policyc are reserved, use policyc.policy=NAME; refusing to start"
    [ "$key_count" -eq 1 ] || fail "more than one policyc.policy annotation; refusing to start"
    valid_policy_name "$policy" || fail "the policyc.policy annotation '$policy' is not a policy name ([a-z][a-z0-9-]{0,23}); refusing to start"
    [ -d "$dir/policies" ] || fail "no policies in $dir; is the bundle installed there?"
    if [ ! -f "$dir/policies/$policy.hook" ]; then
        fail "unknown policy '$policy' (this bundle has: $(known_policies "$dir")); refusing to start"
    fi

    step="checking the bundle's checksums"
    # Only the files this start reads are hashed: the program, the manifest and the nft ruleset
    # here, the iptables rules in apply_iptables if it comes to that; `policyc-hook check` and
    # `policyc doctor` hash the whole bundle. The checksums catch edits, half-copied bundles
    # and files of mixed versions among the files used, which is what they are for: whoever can
    # write the bundle can rewrite SHA256SUMS too, or the hook configuration podman reads, so
    # hashing other policies' files or the README would stop no attacker, only cost time.
    [ -r "$dir/SHA256SUMS" ] || fail "the bundle $dir has no SHA256SUMS; refusing to start"
    verify_lines "$dir" "$sum_prog" "$sum_manifest" "$sum_nft"
    [ -n "$sum_prog" ] || fail "bin/policyc-hook is not listed in $dir/SHA256SUMS; reinstall the bundle"
    [ -n "$sum_manifest" ] || fail "policies/$policy.hook is not listed in $dir/SHA256SUMS; reinstall the bundle"
    # The manifest, with the shell's own `read`: a table line and a strict-dns line, each read
    # as `sed -n 's/^table inet \(policyc_[a-z0-9-]*\)$/\1/p'` would (two lines match nothing).
    manifest="" header="" table="" strict=""
    while IFS= read -r m_line || [ -n "$m_line" ]; do
        if [ -z "$manifest" ]; then header=$m_line; fi
        manifest="$manifest$m_line
"
        m_rest=${m_line#* }
        case $m_line in
            "table inet policyc_"*[!a-z0-9-]* | "strict-dns "*[!a-z]*) ;;
            "table inet policyc_"*) table="${table:+$table
}${m_line#table inet }" ;;
            "strict-dns "*) strict="${strict:+$strict
}$m_rest" ;;
        esac
    done <"$dir/policies/$policy.hook"
    [ "$header" = "policyc-hook manifest 1" ] \
        || fail "policies/$policy.hook is not a manifest this hook reads; reinstall the bundle"
    [ "$table" = "policyc_$policy" ] || fail "policies/$policy.hook names no table policyc_$policy; reinstall the bundle"

    step="reading the container's config.json"
    case $bundle in /*) ;; *) fail "the container state names no absolute bundle path; refusing to start" ;; esac
    [ "$config_read" != unreadable ] || fail "cannot read $bundle/config.json; refusing to start"
    [ "$config_read" = ok ] || fail "$bundle/config.json is not JSON this hook can read (or more than 8 MiB); refusing to start"

    step="checking the network namespace"
    [ "$namespaces" != missing ] || fail "config.json has no linux.namespaces; refusing to start"
    if [ "$namespaces" != network ]; then
        fail "the container shares the host's network namespace (--network host), which policyc cannot firewall; refusing to start"
    fi
    step="checking the container's capabilities"
    [ "$capabilities" != missing ] || fail "config.json has no process.capabilities, so the container might keep them all; refusing to start"
    if [ "$capabilities" = CAP_NET_ADMIN ]; then
        fail "the container would keep CAP_NET_ADMIN (--cap-add NET_ADMIN or --privileged) and could undo its firewall; refusing to start"
    fi
    # Packet sockets send frames below netfilter's IP hooks, so CAP_NET_RAW walks around the
    # rules. Whether podman grants it by default depends on containers.conf (podman 4.3's
    # built-in list has it), so users run containers with --cap-drop NET_RAW.
    if [ "$capabilities" = CAP_NET_RAW ]; then
        fail "the container would keep CAP_NET_RAW (--cap-add NET_RAW), whose packet sockets bypass the firewall; refusing to start (run it with --cap-drop NET_RAW)"
    fi
    [ "$capabilities" = ok ] || fail "config.json has unreadable process.capabilities; refusing to start"

    step="checking the network namespace"
    # Proof that this namespace is not podman's: some ancestor (runc, conmon) is elsewhere.
    own=""
    # shellcheck disable=SC3013 # -ef is in POSIX.1-2024's test; its result is checked first
    if ! [ /proc/self/ns/net -ef /proc/self/ns/net ]; then
        own=$(readlink /proc/self/ns/net) || fail "cannot read /proc/self/ns/net; refusing to start"
    fi
    parent_of /proc/self/status
    hops=0
    separate=""
    while [ "$hops" -lt 32 ] && [ -n "$pid" ] && [ "$pid" -gt 1 ]; do
        if netns_differs "$pid"; then
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

# The awk program that turns the lookups into set elements, in one process: the resolved
# `SET ADDRESS` lines on stdin, the manifest in $F_MANIFEST, the `SET FAMILY NAME` words of its
# well-formed dns sets in $F_DNS, the container's resolv.conf in $F_RESOLV (or nothing). It
# prints `unresolved NAME` for each dns name that found no address of its sets' families
# (sorted), then for each set of the manifest, in order: `bad SET` (a set this hook does not
# fill; nothing follows), `element SET { A, B }` (at most 1,024 addresses, sorted, no
# duplicates), `noresolver FAMILY` (a resolver set without addresses), or `empty SET FAMILY
# REST` (a dns set without addresses). Addresses are the ones nft accepts in an ipv4_addr or
# ipv6_addr set: IPv4 dotted quads, IPv6 without zone id, IPv4-mapped answers dropped (they are
# what getent gives for names without AAAA). Only nameservers of the first 16 nameserver lines.
# shellcheck disable=SC2016 # $1 and $2 are awk's fields
fill_sets='
function family_address(a, family,    o) {
    if (family == 4) {
        if (a !~ /^[0-9][0-9]?[0-9]?\.[0-9][0-9]?[0-9]?\.[0-9][0-9]?[0-9]?\.[0-9][0-9]?[0-9]?$/) return ""
        split(a, o, ".")
        return o[1] < 256 && o[2] < 256 && o[3] < 256 && o[4] < 256 ? a : ""
    }
    sub(/%.*/, "", a)
    return a ~ /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/ && tolower(a) !~ /^::ffff:[0-9.]+$/ ? a : ""
}
# joined(LIST, N): the N strings of LIST sorted (byte order), duplicates dropped, at most 1,024,
# joined by ", ".
function joined(list, n,    i, j, t, out, kept) {
    for (i = 2; i <= n; i++) {
        t = list[i]
        for (j = i - 1; j >= 1 && (list[j] "") > (t ""); j--) list[j + 1] = list[j]
        list[j + 1] = t
    }
    out = ""
    kept = 0
    for (i = 1; i <= n && kept < 1024; i++) {
        if (i > 1 && list[i] == list[i - 1]) continue
        out = out (kept++ ? ", " : "") list[i]
    }
    return out
}
# addresses(SET, FAMILY, LIST): how many addresses of SET (from the lookups) are of FAMILY, in LIST.
function addresses(set, family, list,    i, n, a) {
    n = 0
    for (i = 1; i <= lookups; i++) {
        if (lookup_set[i] == set && (a = family_address(lookup_address[i], family)) != "") list[++n] = a
    }
    return n
}
{ lookups++; lookup_set[lookups] = $1; lookup_address[lookups] = $2 }
END {
    nameservers = 0
    if (ENVIRON["F_RESOLV"] != "") {
        while (nameservers < 16 && (getline line < ENVIRON["F_RESOLV"]) > 0) {
            if (line !~ /^[[:space:]]*nameserver[[:space:]]+[^[:space:]#;]/) continue
            sub(/^[[:space:]]*nameserver[[:space:]]+/, "", line)
            sub(/[[:space:]#;].*/, "", line)
            sub(/%.*/, "", line)
            nameserver[++nameservers] = line
        }
    }
    words = split(ENVIRON["F_DNS"], w, " ")
    names = 0
    for (i = 1; i + 2 <= words; i += 3) {
        if (!(w[i + 2] in found)) { found[w[i + 2]] = 0; name[++names] = w[i + 2] }
        if (addresses(w[i], w[i + 1], list)) found[w[i + 2]] = 1
    }
    for (i = 2; i <= names; i++) {
        t = name[i]
        for (j = i - 1; j >= 1 && (name[j] "") > (t ""); j--) name[j + 1] = name[j]
        name[j + 1] = t
    }
    for (i = 1; i <= names; i++) if (!found[name[i]]) print "unresolved " name[i]

    lines = split(ENVIRON["F_MANIFEST"], manifest, "\n")
    for (m = 1; m <= lines; m++) {
        if (split(manifest[m], f, " ") < 2 || f[1] != "set") continue
        if (f[2] !~ /^dns_[0-9].*_v[46]$/ && f[2] !~ /^resolver_v[46]$/) { print "bad " f[2]; exit }
        n = 0
        if (f[4] == "resolver") {
            for (i = 1; i <= nameservers; i++) if ((a = family_address(nameserver[i], f[3])) != "") list[++n] = a
            if (!n) print "noresolver " f[3]
        } else {
            n = addresses(f[2], f[3], list)
            if (!n) print "empty " f[2] " " f[3] " " f[5]
        }
        if (n) print "element " f[2] " { " joined(list, n) " }"
    }
}'

# note_dns_set WORD...: the words of a manifest line; a well-formed `set dns_N_vF F dns NAME`
# joins dns_args as `dns_N_vF F NAME`.
note_dns_set() {
    [ "$#" -ge 5 ] && [ "$1" = set ] && [ "$4" = dns ] || return 0
    d_number=${2#dns_}
    d_number=${d_number%_v[46]}
    case $2 in dns_*_v4 | dns_*_v6) ;; *) return 0 ;; esac
    case $d_number in "" | *[!0-9]*) return 0 ;; esac
    case $3 in 4 | 6) ;; *) return 0 ;; esac
    case $5 in "" | *[!A-Za-z0-9._-]*) return 0 ;; esac
    dns_args="${dns_args:+$dns_args }$2 $3 $5"
}

# fill_runtime_sets: the `add element` lines for the runtime sets of the manifest, in $elements.
fill_runtime_sets() {
    step="resolving dns names"
    dns_args=""
    IFS='
'
    for m_line in $manifest; do
        IFS=' 	
'
        # shellcheck disable=SC2086 # split into words on purpose; globbing is off (set -f)
        note_dns_set $m_line
    done
    IFS=' 	
'
    # resolv_conf and hosts_file: the mount sources read_inputs found in config.json.
    [ -z "$resolv_conf" ] || [ -r "$resolv_conf" ] || resolv_conf=""
    [ -z "$hosts_file" ] || [ -r "$hosts_file" ] || hosts_file=""
    # shellcheck disable=SC2086 # set names, families and dns names hold no blanks or globs
    resolve_sets "$resolv_conf" "$hosts_file" $dns_args
    filled=$(F_MANIFEST=$manifest F_DNS=$dns_args F_RESOLV=$resolv_conf awk "$fill_sets" <<EOF_RESOLVED
$resolved
EOF_RESOLVED
    )

    unresolved=""
    IFS='
'
    for f_line in $filled; do
        case $f_line in "unresolved "*) unresolved="$unresolved ${f_line#unresolved }" ;; esac
    done
    if [ -n "$unresolved" ]; then
        if [ "$strict" = yes ]; then
            fail "dns names of policy '$policy' did not resolve:$unresolved (compiled with --strict-dns); refusing to start"
        fi
        warn "dns names of policy '$policy' did not resolve, so they allow nothing:$unresolved"
    fi
    for f_line in $filled; do
        f_value=${f_line#* }
        case $f_line in
            "bad "*) fail "policies/$policy.hook names a set '$f_value' this hook does not fill; reinstall the bundle" ;;
            "noresolver "*)
                warn "the container has no IPv$f_value nameserver in its resolv.conf, so 'resolver' allows no IPv$f_value address"
                ;;
            "element "*) elements="${elements}add element inet $table $f_value
" ;;
            "empty "*) [ -z "$reapply" ] || keep_set_elements "$f_value" ;;
        esac
    done
    IFS=' 	
'
}

# keep_set_elements "SET FAMILY REST": the lookups found nothing for SET, but another container
# of this namespace filled it; keep what it found rather than cut the first container off
# because this lookup failed (it may have been blocked by the rules already in place).
keep_set_elements() {
    k_set=${1%% *}
    k_family=${1#* }
    k_rest=${k_family#* }
    k_family=${k_family%% *}
    k_found=$(nft list set inet "$table" "$k_set" | tr '\n' ' ' \
        | sed -n 's/.*elements = {\([^}]*\)}.*/\1/p' | tr ',' '\n' | tr -d ' ' | addresses_of_family "$k_family")
    [ -n "$k_found" ] || return 0
    warn "kept the addresses already in $k_set ($k_rest) of the shared network namespace"
    k_found=$(printf '%s\n' "$k_found" | sort -u | head -n 1024 | paste -s -d ',' - | sed 's/,/, /g')
    elements="${elements}add element inet $table $k_set { $k_found }
"
}

apply_nft() {
    step="looking for other policies in this network namespace"
    other=""
    reapply=""
    IFS='
'
    for t_line in $tables; do
        case $t_line in
            "table inet $table") reapply=yes ;;
            "table inet policyc_"*[!a-z0-9-]*) ;;
            "table inet policyc_"?*) [ -n "$other" ] || other=${t_line#table inet policyc_} ;;
        esac
    done
    IFS=' 	
'
    if [ -n "$other" ]; then
        fail "the network namespace is shared with a container under policy '$other' (a pod or --network container:), and policy '$policy' would weaken or contradict it; refusing to start"
    fi
    # The ruleset was verified with the program and the manifest; it must be listed.
    [ -n "$sum_nft" ] || fail "policies/$policy.nft is not listed in $dir/SHA256SUMS; reinstall the bundle"

    elements=""
    nft_failed=""
    # Policies without dns names or resolver have no runtime sets: skip the lookups, and the
    # dozen processes they start (each costs a container start a millisecond or more).
    case $manifest in
        *"
set "*) fill_runtime_sets ;;
    esac

    step="applying policy $policy with nft"
    ruleset="$dir/policies/$policy.nft"
    [ -r "$ruleset" ] || fail "cannot read policies/$policy.nft; refusing to start"
    # The ruleset replaces table policyc_NAME and the elements fill its sets: one input, one
    # `nft -f`, one transaction. Either all of it is in place or none of it changed.
    # nft's exit status is the transaction's: listing the table afterwards would only repeat it,
    # at the cost of printing every element of its sets (20 ms for 10,000 addresses).
    # Whatever nft reads from a pipe was read whole first, with its status checked: a pipe from
    # a reader that failed would give nft less than the ruleset (nothing at all is a valid
    # input), and the container would start with less than its policy.
    if [ -z "$reapply" ]; then
        # A first load (every container start but a pod's later ones) leaves out the file's
        # head, `table inet T {}` and `delete table inet T`, which replace an older version: in
        # a namespace without the table they create it and delete it again, and the deletion
        # makes nft wait out an RCU grace period when it closes its socket (10-15 ms of a small
        # policy's 17). `create table` in their place fails if the table appeared since `nft
        # list tables` (another container of a pod, at the same moment); the whole file, which
        # replaces it, is loaded then.
        body=$(sed -e "/^table inet $table {}\$/d" -e "/^delete table inet $table\$/d" "$ruleset") \
            || fail "cannot read policies/$policy.nft; refusing to start"
        out=$(printf 'create table inet %s\n%s\n%s' "$table" "$body" "$elements" | nft -f - 2>&1) || reapply=yes
    fi
    if [ -n "$reapply" ]; then
        if [ -z "$elements" ]; then
            out=$(nft -f "$ruleset" 2>&1) || nft_failed=yes
        else
            body=$(cat "$ruleset") || fail "cannot read policies/$policy.nft; refusing to start"
            out=$(printf '%s\n%s' "$body" "$elements" | nft -f - 2>&1) || nft_failed=yes
        fi
    fi
    if [ -n "$nft_failed" ]; then
        fail "nft could not apply policy '$policy', nothing changed: $(first_line "$out"); refusing to start"
    fi
}

apply_iptables() {
    step="looking for other policies in this network namespace"
    case $manifest in
        *"
set "*) fail "nft does not work here and policy '$policy' uses dns or resolver, which its iptables fallback cannot express; refusing to start" ;;
    esac
    if [ ! -f "$dir/policies/$policy.v4.rules" ] || [ ! -f "$dir/policies/$policy.v6.rules" ]; then
        fail "nft does not work here and policy '$policy' has no iptables fallback; refusing to start"
    fi
    # Not hashed with the program and the manifest (nft hosts do not read them): now.
    [ -n "$sum_v4" ] || fail "policies/$policy.v4.rules is not listed in $dir/SHA256SUMS; reinstall the bundle"
    [ -n "$sum_v6" ] || fail "policies/$policy.v6.rules is not listed in $dir/SHA256SUMS; reinstall the bundle"
    verify_lines "$dir" "$sum_v4" "$sum_v6"
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
