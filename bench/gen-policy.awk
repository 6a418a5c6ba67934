# Writes a reproducible policy with N random prefixes (awk -v n=N -v rules=R -v seed=S).
#
# rules=4 (default): the shape of a blocklist-fed policy, as in the flow-set benchmark: four
# rules sharing the prefixes 40/20/15/25 % (allow out tcp 443, allow out tcp/udp 53, allow in
# tcp 22, deny out), each prefix set a define. rules=R > 4: R rules of N/R prefixes each,
# cycling through those four shapes with distinct ports, for a policy with many rules.
# About 2 % of the prefixes are IPv6 (/48, /64 or single addresses), the rest IPv4 /16../32;
# host bits are zero, as the language requires.
function ipv4(   len, v, size) {
    len = 16 + int(rand() * 17)
    size = 2 ^ (32 - len)
    v = int(rand() * 4294967296 / size) * size
    return sprintf("cidr %d.%d.%d.%d/%d", int(v / 16777216) % 256, int(v / 65536) % 256, int(v / 256) % 256, v % 256, len)
}
function hex16() { return sprintf("%x", int(rand() * 65536)) }
function ipv6(   kind) {
    kind = int(rand() * 3)
    if (kind == 0) return "cidr 2001:" hex16() ":" hex16() "::/48"
    if (kind == 1) return "cidr 2a0" int(rand() * 10) ":" hex16() ":" hex16() ":" hex16() "::/64"
    return "host 2a0" int(rand() * 10) ":" hex16() "::" hex16()
}
function prefix() { return rand() < 0.02 ? ipv6() : ipv4() }
function define(name, count,   i) {
    printf "define net %s = {\n", name
    for (i = 0; i < count; i++) printf "    %s%s\n", prefix(), (i + 1 < count ? "," : "")
    print "}"
}
BEGIN {
    if (seed == "") seed = 1
    if (rules == "") rules = 4
    srand(seed)
    printf "# %d random prefixes in %d rules (bench/gen-policy.awk, seed %d)\n", n, rules, seed
    if (rules <= 4) {
        split("0.40 0.20 0.15 0.25", share, " ")
        left = n
        for (r = 1; r <= 4; r++) {
            count[r] = (r < 4) ? int(n * share[r] + 0.5) : left
            if (count[r] < 1) count[r] = 1
            left -= count[r]
            define("set" r, count[r])
        }
        print "policy bench {"
        print "    allow out tcp to $set1 port 443"
        print "    allow out {tcp, udp} to $set2 port 53"
        print "    allow in tcp from $set3 port 22"
        print "    deny out to $set4"
        print "}"
        exit
    }
    per = int(n / rules); if (per < 1) per = 1
    for (r = 1; r <= rules; r++) define("set" r, per)
    print "policy bench {"
    for (r = 1; r <= rules; r++) {
        shape = r % 4
        if (shape == 1) printf "    allow out tcp to $set%d port %d\n", r, 1000 + r
        else if (shape == 2) printf "    allow out {tcp, udp} to $set%d port %d\n", r, 1000 + r
        else if (shape == 3) printf "    allow in tcp from $set%d port %d\n", r, 1000 + r
        else printf "    deny out to $set%d\n", r
    }
    print "}"
}
