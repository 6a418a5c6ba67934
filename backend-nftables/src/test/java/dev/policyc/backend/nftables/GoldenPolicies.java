package dev.policyc.backend.nftables;

import static dev.policyc.core.testing.GoldenCorpus.at;
import static dev.policyc.core.testing.GoldenCorpus.block;
import static dev.policyc.core.testing.GoldenCorpus.policy;
import static dev.policyc.core.testing.GoldenCorpus.ports;
import static dev.policyc.core.testing.GoldenCorpus.rule;
import static dev.policyc.core.testing.GoldenCorpus.tcp;
import static dev.policyc.core.testing.GoldenCorpus.tcpUdp;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.GoldenCorpus;
import java.util.List;

/**
 * The inputs of the golden files: the policies every backend shares ({@link GoldenCorpus}) and
 * one of names resolved when the rules are applied.
 */
final class GoldenPolicies {

    private GoldenPolicies() {}

    /** Every golden policy, bound, in one program: {@code golden/NAME.nft} holds the output for NAME. */
    static Program program() {
        return GoldenCorpus.bound(GoldenCorpus.common());
    }

    /**
     * The golden policies whose {@code dns} and {@code resolver} endpoints stay unbound, as a
     * bundle that resolves names when the rules are applied passes them: {@code golden/runtime/NAME.nft}
     * holds the output for NAME, with its runtime sets.
     */
    static Program runtimeProgram() {
        return new Program(ImmutableList.of(GoldenCorpus.webapp(), names()));
    }

    /**
     * One name in two spellings, a name only an IPv4 protocol uses, names and resolver mixed with
     * literal blocks, in both directions:
     * <pre>
     *  1 policy names {
     *  2     allow out tcp to { dns "api.example.com", host 192.0.2.7, dns "API.Example.com." } port 443
     *  3     allow out icmp to dns "ping.example.com"
     *  4     allow out {tcp, udp} to resolver port 53
     *  5     deny out to dns "bad.example.com" log
     *  6     allow in tcp from { resolver, cidr 2001:db8::/32 } port 22
     *  7 }
     * </pre>
     */
    static PolicyIr names() {
        String f = "names.policy";
        return policy("names", f, 1, DefaultAction.implicitDeny(), DefaultAction.implicitDeny(),
                rule(f, 2, Verdict.ALLOW, Direction.OUT, tcp(), List.of(new Endpoint.DnsName("api.example.com", at(f, 2, 26)),
                        block(f, 2, "192.0.2.7"), new Endpoint.DnsName("API.Example.com.", at(f, 2, 67))), ports(443), false, null),
                rule(f, 3, Verdict.ALLOW, Direction.OUT, ImmutableSet.of(Protocol.ICMP),
                        List.of(new Endpoint.DnsName("ping.example.com", at(f, 3, 24))), null, false, null),
                rule(f, 4, Verdict.ALLOW, Direction.OUT, tcpUdp(), List.of(new Endpoint.Resolver(at(f, 4, 29))), ports(53), false, null),
                rule(f, 5, Verdict.DENY, Direction.OUT, ImmutableSet.of(), List.of(new Endpoint.DnsName("bad.example.com", at(f, 5, 17))),
                        null, true, null),
                rule(f, 6, Verdict.ALLOW, Direction.IN, tcp(), List.of(new Endpoint.Resolver(at(f, 6, 24)), block(f, 6, "2001:db8::/32")),
                        ports(22), false, null));
    }
}
