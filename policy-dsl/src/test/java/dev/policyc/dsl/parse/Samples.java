package dev.policyc.dsl.parse;

import java.util.List;

/** Valid policies used as test input. */
final class Samples {

    /** The first example of the language spec, verbatim. */
    static final String FIRST_EXAMPLE = """
            # webapp.policy
            define net cloudflare = { host 1.1.1.1, host 1.0.0.1, host 2606:4700:4700::1111 }
            define ports web = { 80, 443 }

            policy webapp {
                allow out tcp to cidr 10.20.0.0/16 port 5432        comment "database"
                allow out tcp to dns "api.github.com" port $web
                allow out {tcp, udp} to $cloudflare port 53
                allow out {tcp, udp} to resolver port 53             # the container's own nameservers
                allow in tcp port 8080                               # from anywhere
                allow in tcp from cidr 192.168.1.0/24 port 22
                deny out to cidr 10.20.99.0/24 log                   # deny wins over allow
                allow out icmp to cidr 192.0.2.0/24
            }
            """;

    /** Every construct of the grammar at least once. */
    static final String ALL_CONSTRUCTS = """
            include "common.policy"
            include "dir/with \\"quote\\" and \\\\ backslash.policy"

            # file-level defines
            define net mixed = {
                host 192.0.2.1,       # a host
                host 2001:db8::1,
                cidr 10.0.0.0/8,
                dns "example.com",
                resolver,
                any,
                $other,
                198.51.100.7,
                2001:db8::/32
            }
            define net single = host 192.0.2.9
            define ports ranges = { 22, 8000-8080, 9000 - 9100, $web }
            define ports one = 443

            policy all-things {
                define net local_net = cidr 192.168.0.0/16
                define ports local_ports = { 1, 65535 }
                default allow
                default deny in log
                default allow out
                allow
                deny in
                allow out tcp
                allow out {tcp, udp, icmp, icmpv6}
                allow in udp from $local_net port $local_ports
                allow out to any
                allow out tcp to {host 192.0.2.2, dns "a.example"} port {80, 443, 1000-2000} log comment "web"
                deny out icmpv6 to 2001:db8::5 log
                allow in tcp from ::1 port 22 comment "ssh"
            }

            policy second { }
            # the end
            """;

    static final String SMALL = """
            policy p {
                allow out tcp to host 192.0.2.1 port 443
            }
            """;

    static final List<String> VALID = List.of(FIRST_EXAMPLE, ALL_CONSTRUCTS, SMALL);

    private Samples() {}
}
