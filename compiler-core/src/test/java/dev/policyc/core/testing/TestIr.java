package dev.policyc.core.testing;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Range;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.net.AddressSyntax;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Terse builders for IR written by hand in tests: {@code rule(DENY, OUT).to("10.0.0.0/8").build()}. */
public final class TestIr {

    public static final String FILE = "test.policy";

    private TestIr() {}

    public static SourceSpan line(int line) {
        return SourceSpan.at(FILE, line, 1);
    }

    /** An address or prefix in the language's syntax; fails the test if it is not one. */
    public static IPAddress address(String text) {
        AddressSyntax.Parsed parsed = AddressSyntax.hostOrPrefix(text);
        if (parsed instanceof AddressSyntax.Ok ok) {
            return ok.address();
        }
        throw new AssertionError("bad address in test: " + text + ": " + parsed);
    }

    /** {@code host A} for an address, {@code cidr P} for a prefix. */
    public static Endpoint.Block block(String text) {
        IPAddress a = address(text);
        String origin = text.contains("/") ? "cidr " + text : "host " + text;
        return new Endpoint.Block(text.contains("/") ? a : a.toPrefixBlock(a.getBitCount()), origin, line(1));
    }

    /**
     * The union of closed port ranges. Built directly rather than with {@link PortSet#union}, which
     * rejects sets that contain 65535 (it re-checks the half-open ranges PortSet stores).
     */
    @SafeVarargs
    public static PortSet ports(Range<Integer>... closedRanges) {
        return new PortSet(ImmutableRangeSet.unionOf(Arrays.asList(closedRanges)));
    }

    public static Flow flow(Direction direction, Protocol protocol, String address, int port) {
        return Flow.of(direction, protocol, address(address), port);
    }

    public static Flow flow(Direction direction, Protocol protocol, String address) {
        return Flow.of(direction, protocol, address(address));
    }

    /** A flow of a protocol the language cannot name (47 is GRE). */
    public static Flow flow(Direction direction, int protocol, String address) {
        return new Flow(direction, protocol, address(address), OptionalInt.empty());
    }

    public static PolicyIr policy(Rule... rules) {
        return policy(DefaultAction.implicitDeny(), DefaultAction.implicitDeny(), rules);
    }

    public static PolicyIr policy(DefaultAction in, DefaultAction out, Rule... rules) {
        return new PolicyIr("test", line(1), in, out, ImmutableList.copyOf(rules));
    }

    public static DefaultAction defaultAction(Verdict verdict, boolean log) {
        return new DefaultAction(verdict, log, Optional.of(line(2)));
    }

    public static RuleSpec rule(Verdict verdict, Direction direction) {
        return new RuleSpec(verdict, direction);
    }

    /** A rule under construction; every part left out matches everything. */
    public static final class RuleSpec {
        private final Verdict verdict;
        private final Direction direction;
        private ImmutableSet<Protocol> protocols = ImmutableSet.of();
        private final List<Endpoint> peer = new ArrayList<>();
        private Optional<PortSet> ports = Optional.empty();
        private boolean log;
        private int line = 3;

        private RuleSpec(Verdict verdict, Direction direction) {
            this.verdict = verdict;
            this.direction = direction;
        }

        public RuleSpec protocols(Protocol... named) {
            protocols = ImmutableSet.copyOf(named);
            return this;
        }

        /** Adds {@code host}/{@code cidr} endpoints written as text. */
        public RuleSpec peer(String... blocks) {
            Arrays.stream(blocks).map(TestIr::block).forEach(peer::add);
            return this;
        }

        public RuleSpec peer(Endpoint... endpoints) {
            peer.addAll(Arrays.asList(endpoints));
            return this;
        }

        public RuleSpec ports(PortSet set) {
            ports = Optional.of(set);
            return this;
        }

        public RuleSpec log() {
            log = true;
            return this;
        }

        public RuleSpec line(int sourceLine) {
            line = sourceLine;
            return this;
        }

        public Rule build() {
            return new Rule(verdict, direction, protocols,
                    peer.isEmpty() ? Optional.empty() : Optional.of(ImmutableList.copyOf(peer)),
                    ports, log, Optional.empty(), TestIr.line(line));
        }
    }
}
