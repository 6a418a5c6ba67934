package dev.policyc.core.testing;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Range;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.BoundProgram;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.EndpointBinder;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.net.AddressSyntax;
import dev.policyc.core.net.HostsFileResolver;
import inet.ipaddr.IPAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The policies that every backend's golden files are made from, written as IR because backends
 * may not depend on the parser, and the builders of further ones. Each policy notes the source
 * it stands for; spans point into that source. A backend adds policies of its own (iptables: a
 * name too long for its chains, address lists long enough for trees of chains).
 */
public final class GoldenCorpus {

    private GoldenCorpus() {}

    /** The common policies: {@link #webapp}, {@link #mixed}, {@link #comments} and {@link #empty}. */
    public static ImmutableList<PolicyIr> common() {
        return ImmutableList.of(webapp(), mixed(), comments(), empty());
    }

    /** {@code policies} with webapp's {@code dns} name and {@code resolver} bound to documentation addresses. */
    public static Program bound(List<PolicyIr> policies) {
        Program unbound = new Program(ImmutableList.copyOf(policies));
        HostsFileResolver hosts = HostsFileResolver.parse("golden.hosts",
                "192.0.2.80 api.github.com\n2001:db8::80 api.github.com\n").resolver();
        BoundProgram bound = new EndpointBinder(Optional.of(hosts),
                Optional.of(List.of(address("192.0.2.53"), address("2001:db8::53")))).bind(unbound);
        return bound.program().orElseThrow(() -> new AssertionError("golden policies do not bind: " + bound.diagnostics()));
    }

    /**
     * The first example of the language page, its dns name and resolver bound to documentation
     * addresses (192.0.2.80 and 2001:db8::80; 192.0.2.53 and 2001:db8::53):
     * <pre>
     *  2 define net cloudflare = { host 1.1.1.1, host 1.0.0.1, host 2606:4700:4700::1111 }
     *  3 define ports web = { 80, 443 }
     *  5 policy webapp {
     *  6     allow out tcp to cidr 10.20.0.0/16 port 5432        comment "database"
     *  7     allow out tcp to dns "api.github.com" port $web
     *  8     allow out {tcp, udp} to $cloudflare port 53
     *  9     allow out {tcp, udp} to resolver port 53             # the container's own nameservers
     * 10     allow in tcp port 8080                               # from anywhere
     * 11     allow in tcp from cidr 192.168.1.0/24 port 22
     * 12     deny out to cidr 10.20.99.0/24 log                   # deny wins over allow
     * 13     allow out icmp to cidr 192.0.2.0/24
     * 14 }
     * </pre>
     */
    public static PolicyIr webapp() {
        String f = "webapp.policy";
        List<Endpoint> cloudflare = List.of(
                block(f, 8, "1.1.1.1"), block(f, 8, "1.0.0.1"), block(f, 8, "2606:4700:4700::1111"));
        return policy("webapp", f, 5, DefaultAction.implicitDeny(), DefaultAction.implicitDeny(),
                rule(f, 6, Verdict.ALLOW, Direction.OUT, tcp(), List.of(block(f, 6, "10.20.0.0/16")), ports(5432), false, "database"),
                rule(f, 7, Verdict.ALLOW, Direction.OUT, tcp(), List.of(new Endpoint.DnsName("api.github.com", at(f, 7, 22))),
                        ports(80, 443), false, null),
                rule(f, 8, Verdict.ALLOW, Direction.OUT, tcpUdp(), cloudflare, ports(53), false, null),
                rule(f, 9, Verdict.ALLOW, Direction.OUT, tcpUdp(), List.of(new Endpoint.Resolver(at(f, 9, 29))), ports(53), false, null),
                rule(f, 10, Verdict.ALLOW, Direction.IN, tcp(), List.of(), ports(8080), false, null),
                rule(f, 11, Verdict.ALLOW, Direction.IN, tcp(), List.of(block(f, 11, "192.168.1.0/24")), ports(22), false, null),
                rule(f, 12, Verdict.DENY, Direction.OUT, ImmutableSet.of(), List.of(block(f, 12, "10.20.99.0/24")), null, true, null),
                rule(f, 13, Verdict.ALLOW, Direction.OUT, ImmutableSet.of(Protocol.ICMP), List.of(block(f, 13, "192.0.2.0/24")),
                        null, false, null));
    }

    /**
     * Defaults that allow and log, both families in one rule, family-bound protocols, overlapping
     * networks, port ranges, a long address list and {@code any}:
     * <pre>
     *  1 policy mixed {
     *  2     default allow out log
     *  3     default deny in log
     *  4     deny out tcp to { cidr 10.0.0.0/8, cidr 10.1.0.0/16, host 10.200.0.1, cidr 172.16.0.0/12, cidr 2001:db8:bad::/48 } log
     *  5     deny out udp to { host 192.0.2.1, host 192.0.2.3, host 192.0.2.5, host 192.0.2.7, host 192.0.2.9, host 198.51.100.7 } port 1-1023
     *  6     allow in {tcp, icmp} from { cidr 192.0.2.0/25, cidr 192.0.2.128/25, host 2001:db8::1 }
     *  7     allow in icmpv6 from cidr 2001:db8::/32 comment "ping from the lab"
     *  8     allow in {tcp, udp} port { 1000-2000, 3000, 65535 }
     *  9     allow in tcp from any port 443
     * 10     deny in from { host 203.0.113.9, host 2001:db8::9 }
     * 11     deny out icmp
     * 12 }
     * </pre>
     */
    public static PolicyIr mixed() {
        String f = "mixed.policy";
        DefaultAction allowOut = new DefaultAction(Verdict.ALLOW, true, Optional.of(at(f, 2, 5)));
        DefaultAction denyIn = new DefaultAction(Verdict.DENY, true, Optional.of(at(f, 3, 5)));
        return policy("mixed", f, 1, denyIn, allowOut,
                rule(f, 4, Verdict.DENY, Direction.OUT, tcp(),
                        blocks(f, 4, "10.0.0.0/8", "10.1.0.0/16", "10.200.0.1", "172.16.0.0/12", "2001:db8:bad::/48"), null, true, null),
                rule(f, 5, Verdict.DENY, Direction.OUT, ImmutableSet.of(Protocol.UDP),
                        blocks(f, 5, "192.0.2.1", "192.0.2.3", "192.0.2.5", "192.0.2.7", "192.0.2.9", "198.51.100.7"),
                        portRanges(List.of(Range.closed(1, 1023))), false, null),
                rule(f, 6, Verdict.ALLOW, Direction.IN, ImmutableSet.of(Protocol.TCP, Protocol.ICMP),
                        blocks(f, 6, "192.0.2.0/25", "192.0.2.128/25", "2001:db8::1"), null, false, null),
                rule(f, 7, Verdict.ALLOW, Direction.IN, ImmutableSet.of(Protocol.ICMPV6), blocks(f, 7, "2001:db8::/32"),
                        null, false, "ping from the lab"),
                rule(f, 8, Verdict.ALLOW, Direction.IN, tcpUdp(), List.of(),
                        portRanges(List.of(Range.closed(1000, 2000), Range.singleton(3000), Range.singleton(65535))), false, null),
                rule(f, 9, Verdict.ALLOW, Direction.IN, tcp(), blocks(f, 9, "0.0.0.0/0", "::/0"), ports(443), false, null),
                rule(f, 10, Verdict.DENY, Direction.IN, ImmutableSet.of(), blocks(f, 10, "203.0.113.9", "2001:db8::9"),
                        null, false, null),
                rule(f, 11, Verdict.DENY, Direction.OUT, ImmutableSet.of(Protocol.ICMP), List.of(), null, false, null));
    }

    /**
     * Comments that try to end the nft or iptables-restore string and add rules of their own, from
     * a file whose name has a quote in it.
     */
    public static PolicyIr comments() {
        String f = "odd \"dir\"/comments.policy";
        return policy("comments", f, 1, DefaultAction.implicitDeny(), DefaultAction.implicitDeny(),
                rule(f, 2, Verdict.ALLOW, Direction.OUT, tcp(), blocks(f, 2, "192.0.2.10"), ports(443), false,
                        "\" accept; } table inet evil { chain output { type filter hook output priority -1; policy accept; } } #"),
                rule(f, 3, Verdict.ALLOW, Direction.OUT, tcp(), blocks(f, 3, "192.0.2.11"), ports(443), true,
                        "line one\nallow out to any\r\nback\\slash \\\" and a tab\there"),
                rule(f, 4, Verdict.DENY, Direction.OUT, ImmutableSet.of(), blocks(f, 4, "192.0.2.12"), null, false,
                        "ünïcödé ☃ 😀 \u202Eoverride\u202C " + "long ".repeat(40)),
                rule(f, 5, Verdict.ALLOW, Direction.IN, ImmutableSet.of(), blocks(f, 5, "2001:db8::12"), null, false,
                        "$var @set ; { } # not a comment"),
                rule(f, 6, Verdict.ALLOW, Direction.IN, tcp(), blocks(f, 6, "192.0.2.13"), ports(22), false,
                        "\" -j ACCEPT\n-A INPUT -j ACCEPT\nCOMMIT\n# it's a 'trap' ending in a backslash \\"));
    }

    /** A policy with no rules: the base rules and the implicit defaults alone. */
    public static PolicyIr empty() {
        return policy("empty", "empty.policy", 1, DefaultAction.implicitDeny(), DefaultAction.implicitDeny());
    }

    public static SourceSpan at(String file, int line, int column) {
        return SourceSpan.at(file, line, column);
    }

    public static IPAddress address(String text) {
        if (AddressSyntax.hostOrPrefix(text) instanceof AddressSyntax.Ok ok) {
            return ok.address();
        }
        throw new AssertionError("not an address: " + text);
    }

    public static Endpoint.Block block(String file, int line, String text) {
        IPAddress a = address(text);
        return new Endpoint.Block(text.contains("/") ? a : a.toPrefixBlock(a.getBitCount()),
                (text.contains("/") ? "cidr " : "host ") + text, at(file, line, 20));
    }

    public static List<Endpoint> blocks(String file, int line, String... texts) {
        return List.of(texts).stream().map(t -> (Endpoint) block(file, line, t)).toList();
    }

    public static ImmutableSet<Protocol> tcp() {
        return ImmutableSet.of(Protocol.TCP);
    }

    public static ImmutableSet<Protocol> tcpUdp() {
        return ImmutableSet.of(Protocol.TCP, Protocol.UDP);
    }

    public static PortSet ports(int... ports) {
        return new PortSet(ImmutableRangeSet.unionOf(Arrays.stream(ports).mapToObj(Range::singleton).toList()));
    }

    public static PortSet portRanges(List<Range<Integer>> ranges) {
        return new PortSet(ImmutableRangeSet.unionOf(ranges));
    }

    /** A rule starting at column 5 of {@code line}; {@code null} ports or comment for none. */
    public static Rule rule(String file, int line, Verdict verdict, Direction direction, ImmutableSet<Protocol> protocols,
            List<Endpoint> peer, PortSet ports, boolean log, String comment) {
        return new Rule(verdict, direction, protocols,
                peer.isEmpty() ? Optional.empty() : Optional.of(ImmutableList.copyOf(peer)),
                Optional.ofNullable(ports), log, Optional.ofNullable(comment), at(file, line, 5));
    }

    public static PolicyIr policy(String name, String file, int line, DefaultAction in, DefaultAction out, Rule... rules) {
        return new PolicyIr(name, at(file, line, 1), in, out, ImmutableList.copyOf(rules));
    }
}
