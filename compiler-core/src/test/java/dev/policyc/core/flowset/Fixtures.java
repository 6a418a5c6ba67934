package dev.policyc.core.flowset;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Range;
import com.google.common.collect.TreeRangeSet;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Small builders shared by the flow-set tests. */
final class Fixtures {

    static final SourceSpan SPAN = SourceSpan.at("test.policy", 1, 1);

    private Fixtures() {}

    static IPAddress ip(String text) {
        return new IPAddressString(text).getAddress();
    }

    static Flow flow(String line) {
        String[] parts = line.split(" ");
        Direction direction = Direction.ofKeyword(parts[0]);
        Protocol named = Protocol.ofKeyword(parts[1]);
        int protocol = named != null ? named.number() : Integer.parseInt(parts[1]);
        OptionalInt port = parts.length > 3 ? OptionalInt.of(Integer.parseInt(parts[3])) : OptionalInt.empty();
        return new Flow(direction, protocol, ip(parts[2]), port);
    }

    static ImmutableRangeSet<Integer> protocols(int... numbers) {
        ImmutableRangeSet.Builder<Integer> b = ImmutableRangeSet.builder();
        for (int n : numbers) {
            b.add(Range.closedOpen(n, n + 1));
        }
        return b.build();
    }

    /**
     * A port set from closed ranges. Not {@code PortSet.union}: it rejects sets holding 65535
     * (it re-checks its own canonical, closed-open ranges against 1-65535).
     */
    static PortSet ports(List<Range<Integer>> closedRanges) {
        TreeRangeSet<Integer> all = TreeRangeSet.create();
        closedRanges.forEach(all::add);
        return new PortSet(ImmutableRangeSet.copyOf(all));
    }

    static FlowSet box(Direction direction, ImmutableRangeSet<Integer> protocols, String address, Optional<PortSet> ports) {
        return FlowSet.box(Set.of(direction), protocols, List.of(ip(address)), ports);
    }

    static Endpoint block(String text) {
        return new Endpoint.Block(ip(text), text, SPAN);
    }

    static Rule rule(Verdict verdict, Direction direction, Set<Protocol> protocols, List<String> peer,
            Optional<PortSet> ports) {
        Optional<ImmutableList<Endpoint>> endpoints = peer.isEmpty()
                ? Optional.empty()
                : Optional.of(peer.stream().map(Fixtures::block).collect(ImmutableList.toImmutableList()));
        return new Rule(verdict, direction, ImmutableSet.copyOf(protocols), endpoints, ports, false, Optional.empty(), SPAN);
    }

    /**
     * The spec's verdict of a flow, read literally and rule by rule: deny wins, then allow, then
     * the default of the flow's direction. The reference the flow-set meaning is checked against.
     */
    static Verdict verdict(PolicyIr policy, Flow f) {
        if (policy.rules().stream().anyMatch(r -> r.verdict() == Verdict.DENY && matches(r, f))) {
            return Verdict.DENY;
        }
        if (policy.rules().stream().anyMatch(r -> r.verdict() == Verdict.ALLOW && matches(r, f))) {
            return Verdict.ALLOW;
        }
        return policy.defaultFor(f.direction()).verdict();
    }

    /** Every part the rule names matches the flow; a part it omits matches anything. */
    static boolean matches(Rule r, Flow f) {
        boolean protocol = r.protocols().isEmpty()
                || r.protocols().stream().anyMatch(p -> p.number() == f.protocol() && p.existsIn(f.family()));
        boolean peer = r.peer().map(endpoints -> endpoints.stream()
                .anyMatch(e -> ((Endpoint.Block) e).contains(f.address()))).orElse(true);
        boolean port = r.ports().map(ps -> f.port().isPresent() && ps.contains(f.port().getAsInt())).orElse(true);
        return r.direction() == f.direction() && protocol && peer && port;
    }
}
