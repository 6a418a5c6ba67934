package dev.policyc.backend.iptables;

import static dev.policyc.core.testing.GoldenCorpus.at;
import static dev.policyc.core.testing.GoldenCorpus.blocks;
import static dev.policyc.core.testing.GoldenCorpus.policy;
import static dev.policyc.core.testing.GoldenCorpus.portRanges;
import static dev.policyc.core.testing.GoldenCorpus.ports;
import static dev.policyc.core.testing.GoldenCorpus.rule;
import static dev.policyc.core.testing.GoldenCorpus.tcp;
import static dev.policyc.core.testing.GoldenCorpus.tcpUdp;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Range;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.GoldenCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The inputs of the golden files: the policies every backend shares ({@link GoldenCorpus}), and
 * what only iptables needs: a long name and more ports than one multiport match takes, and
 * address lists long enough for guards and trees of chains.
 */
final class GoldenPolicies {

    private GoldenPolicies() {}

    /** Every golden policy, bound, in one program: {@code golden/NAME.v4.rules}, {@code NAME.v6.rules} and {@code NAME.sh} hold the output for NAME. */
    static Program program() {
        return GoldenCorpus.bound(ImmutableList.<PolicyIr>builder().addAll(GoldenCorpus.common())
                .add(longNameManyPorts(), tree()).build());
    }

    /**
     * The inputs of the {@code iptables-ipset} goldens: those of {@link #program}, and a policy
     * whose rules share their address lists ({@link #shared}).
     */
    static Program ipsetProgram() {
        return GoldenCorpus.bound(ImmutableList.<PolicyIr>builder().addAll(GoldenCorpus.common())
                .add(longNameManyPorts(), tree(), shared()).build());
    }

    /**
     * Two rules, out and in, of the same 6 hosts in each family: one set per family, matched by
     * {@code dst} in the logged rule and by {@code src} in the other; a third of 5 blocks of one
     * family:
     * <pre>
     * 1 policy shared {
     * 2     allow out tcp to { host 192.0.2.1, host 192.0.2.3, ..., host 192.0.2.11, host 2001:db8::1, ..., host 2001:db8::b } port 443 log
     * 3     allow in tcp from { host 192.0.2.1, ..., host 192.0.2.11, host 2001:db8::1, ..., host 2001:db8::b } port 22
     * 4     deny out udp to { host 198.51.100.1, host 198.51.100.3, ..., host 198.51.100.9 }
     * 5 }
     * </pre>
     */
    static PolicyIr shared() {
        String f = "shared.policy";
        List<String> hosts = new ArrayList<>(oddHosts("192.0.2.", 1, 11, false));
        hosts.addAll(oddHosts("2001:db8::", 1, 0xb, true));
        String[] list = hosts.toArray(String[]::new);
        return policy("shared", f, 1, DefaultAction.implicitDeny(), DefaultAction.implicitDeny(),
                rule(f, 2, Verdict.ALLOW, Direction.OUT, tcp(), blocks(f, 2, list), ports(443), true, null),
                rule(f, 3, Verdict.ALLOW, Direction.IN, tcp(), blocks(f, 3, list), ports(22), false, null),
                rule(f, 4, Verdict.DENY, Direction.OUT, ImmutableSet.of(Protocol.UDP), blocks(f, 4, oddHosts("198.51.100.", 1, 9, false).toArray(String[]::new)),
                        null, false, null));
    }

    /**
     * A name too long for iptables chains, 20 single ports and 2 ranges (one multiport match takes
     * 15 ports, a range counting as two), and tcp and udp both:
     * <pre>
     * 1 policy a-long-policy-name-here {
     * 2     allow out {tcp, udp} to { cidr 192.0.2.0/24, cidr 2001:db8::/32 } port { 1001, 1003, 1005, ..., 1039, 100-200, 300-400 } log
     * 3     default deny out log
     * 4 }
     * </pre>
     */
    static PolicyIr longNameManyPorts() {
        String f = "long.policy";
        List<Range<Integer>> ports = new ArrayList<>();
        for (int port = 1001; port <= 1039; port += 2) {
            ports.add(Range.singleton(port));
        }
        ports.add(Range.closed(100, 200));
        ports.add(Range.closed(300, 400));
        return policy("a-long-policy-name-here", f, 1, DefaultAction.implicitDeny(),
                new DefaultAction(Verdict.DENY, true, Optional.of(at(f, 3, 5))),
                rule(f, 2, Verdict.ALLOW, Direction.OUT, tcpUdp(), blocks(f, 2, "192.0.2.0/24", "2001:db8::/32"),
                        portRanges(ports), true, null));
    }

    /**
     * Address lists long enough for a guard and a tree of chains ({@link AddressChains}), in both
     * families, out and in, with a logged deny that cuts holes into the allowed blocks; odd host
     * addresses, which do not merge:
     * <pre>
     * 1 policy tree {
     * 2     default deny out
     * 3     allow out {tcp, udp} to { host 192.0.2.1, host 192.0.2.3, ..., host 192.0.2.139, cidr 198.51.100.0/28,
     *           cidr 198.51.100.64/26, cidr 203.0.113.0/24, host 2001:db8::1, host 2001:db8::3, ..., host 2001:db8::11,
     *           cidr 2001:db8:1::/48, cidr 2001:db8:bad::/48 }
     *           port { 80, 443 } comment "web"
     * 4     deny out to { host 203.0.113.1, host 203.0.113.3, ..., host 203.0.113.79,
     *           host 2001:db8:bad::1, host 2001:db8:bad::3, ..., host 2001:db8:bad::4f } log
     * 5     allow in tcp from { host 198.51.100.129, host 198.51.100.131, ..., host 198.51.100.207, cidr 192.0.2.192/27 } port 22
     * 6 }
     * </pre>
     */
    static PolicyIr tree() {
        String f = "tree.policy";
        List<String> web = new ArrayList<>(oddHosts("192.0.2.", 1, 139, false));
        web.addAll(List.of("198.51.100.0/28", "198.51.100.64/26", "203.0.113.0/24"));
        web.addAll(oddHosts("2001:db8::", 1, 0x11, true));
        web.addAll(List.of("2001:db8:1::/48", "2001:db8:bad::/48"));
        List<String> denied = new ArrayList<>(oddHosts("203.0.113.", 1, 79, false));
        denied.addAll(oddHosts("2001:db8:bad::", 1, 0x4f, true));
        List<String> admins = new ArrayList<>(oddHosts("198.51.100.", 129, 207, false));
        admins.add("192.0.2.192/27");
        return policy("tree", f, 1, DefaultAction.implicitDeny(), new DefaultAction(Verdict.DENY, false, Optional.of(at(f, 2, 5))),
                rule(f, 3, Verdict.ALLOW, Direction.OUT, tcpUdp(), blocks(f, 3, web.toArray(String[]::new)), ports(80, 443), false, "web"),
                rule(f, 4, Verdict.DENY, Direction.OUT, ImmutableSet.of(), blocks(f, 4, denied.toArray(String[]::new)), null, true, null),
                rule(f, 5, Verdict.ALLOW, Direction.IN, tcp(), blocks(f, 5, admins.toArray(String[]::new)), ports(22), false, null));
    }

    /** {@code prefix + n} for the odd n from {@code first} to {@code last}, in decimal or hexadecimal. */
    private static List<String> oddHosts(String prefix, int first, int last, boolean hex) {
        List<String> hosts = new ArrayList<>();
        for (int n = first; n <= last; n += 2) {
            hosts.add(prefix + (hex ? Integer.toHexString(n) : Integer.toString(n)));
        }
        return hosts;
    }
}
