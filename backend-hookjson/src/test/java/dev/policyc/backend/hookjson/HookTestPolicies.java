package dev.policyc.backend.hookjson;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Range;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.TestIr;

/**
 * The policies of the hook tests, written as IR because this module may not depend on the
 * parser. Addresses are from the documentation ranges, or the host loopback that rootless
 * podman's slirp4netns shows as 10.0.2.2.
 */
final class HookTestPolicies {

    /** The peer namespace's allowed server, and the one no policy allows. */
    static final String ALLOWED = "192.0.2.10";
    static final String BLOCKED = "192.0.2.20";
    static final String ALLOWED_V6 = "2001:db8::10";
    /** Resolved when the container starts, from the container's hosts file (--add-host). */
    static final String NAME = "named.test";
    static final String MISSING_NAME = "missing.test";

    private HookTestPolicies() {}

    /**
     * <pre>
     * policy web {
     *     allow out tcp to host 192.0.2.10 port 80
     *     allow out tcp to dns "named.test" port 8080
     *     allow out {tcp, udp} to resolver port 53
     *     allow in tcp port 8080
     * }
     * </pre>
     */
    static PolicyIr web() {
        return policy("web",
                out(2, 80, TestIr.block(ALLOWED)),
                out(3, 8080, new Endpoint.DnsName(NAME, TestIr.line(3))),
                rule(4, Verdict.ALLOW, Direction.OUT, ImmutableList.of(Protocol.TCP, Protocol.UDP), 53,
                        new Endpoint.Resolver(TestIr.line(4))),
                rule(5, Verdict.ALLOW, Direction.IN, ImmutableList.of(Protocol.TCP), 8080));
    }

    /** {@code policy other { allow out tcp to host 192.0.2.20 port 80 }} */
    static PolicyIr other() {
        return policy("other", out(2, 80, TestIr.block(BLOCKED)));
    }

    /** {@code policy lookup { allow out tcp to dns "missing.test" port 80 }}: a name that does not resolve. */
    static PolicyIr lookup() {
        return policy("lookup", out(2, 80, new Endpoint.DnsName(MISSING_NAME, TestIr.line(2))));
    }

    /** {@code policy loop { allow out tcp to host 10.0.2.2 port PORT }}: slirp4netns' view of host loopback. */
    static PolicyIr loop(int port) {
        return policy("loop", out(2, port, TestIr.block("10.0.2.2")));
    }

    static Program program(PolicyIr... policies) {
        return new Program(ImmutableList.copyOf(policies));
    }

    /** {@code allow out tcp to PEER port PORT} on {@code line}. */
    private static Rule out(int line, int port, Endpoint peer) {
        return rule(line, Verdict.ALLOW, Direction.OUT, ImmutableList.of(Protocol.TCP), port, peer);
    }

    private static Rule rule(int line, Verdict verdict, Direction direction, ImmutableList<Protocol> protocols, int port,
            Endpoint... peer) {
        TestIr.RuleSpec spec = TestIr.rule(verdict, direction).protocols(protocols.toArray(Protocol[]::new))
                .ports(TestIr.ports(Range.singleton(port))).line(line);
        if (peer.length > 0) {
            spec.peer(peer);
        }
        return spec.build();
    }

    private static PolicyIr policy(String name, Rule... rules) {
        return new PolicyIr(name, SourceSpan.at(name + ".policy", 1, 1), DefaultAction.implicitDeny(),
                DefaultAction.implicitDeny(), ImmutableList.copyOf(rules));
    }
}
