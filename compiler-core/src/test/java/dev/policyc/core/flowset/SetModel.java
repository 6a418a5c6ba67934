package dev.policyc.core.flowset;

import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.PortSet;
import inet.ipaddr.format.IPAddressRange;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A set expression with a plain, obviously right membership test: the model the flow-set
 * algebra is checked against.
 */
sealed interface SetModel {

    boolean contains(Flow f);

    FlowSet build();

    /** A box exactly as {@link FlowSet#box} documents it, tested part by part. */
    record Box(Set<Direction> directions, ImmutableRangeSet<Integer> protocols, List<IPAddressRange> addresses,
            Optional<PortSet> ports) implements SetModel {
        @Override
        public boolean contains(Flow f) {
            return directions.contains(f.direction())
                    && protocols.contains(f.protocol())
                    && addresses.stream().anyMatch(r -> r.getLower().getIPVersion() == f.address().getIPVersion()
                            && r.contains(f.address()))
                    && ports.map(p -> f.port().isPresent() && p.contains(f.port().getAsInt())).orElse(true);
        }

        @Override
        public FlowSet build() {
            return FlowSet.box(directions, protocols, addresses, ports);
        }
    }

    record Union(SetModel a, SetModel b) implements SetModel {
        public boolean contains(Flow f) {
            return a.contains(f) || b.contains(f);
        }

        public FlowSet build() {
            return a.build().union(b.build());
        }
    }

    record Intersection(SetModel a, SetModel b) implements SetModel {
        public boolean contains(Flow f) {
            return a.contains(f) && b.contains(f);
        }

        public FlowSet build() {
            return a.build().intersection(b.build());
        }
    }

    record Difference(SetModel a, SetModel b) implements SetModel {
        public boolean contains(Flow f) {
            return a.contains(f) && !b.contains(f);
        }

        public FlowSet build() {
            return a.build().difference(b.build());
        }
    }

    record Complement(SetModel a) implements SetModel {
        public boolean contains(Flow f) {
            return !a.contains(f);
        }

        public FlowSet build() {
            return a.build().complement();
        }
    }

    static Arbitrary<SetModel> boxes() {
        Arbitrary<Set<Direction>> directions = Arbitraries.of(Direction.class).set().ofMinSize(1);
        Arbitrary<ImmutableRangeSet<Integer>> protocols = Combinators.combine(Samples.protocolArb(), Samples.protocolArb())
                .as((a, b) -> Range.closed(Math.min(a, b), Math.max(a, b)))
                .list().ofMinSize(1).ofMaxSize(3)
                .map(ImmutableRangeSet::unionOf);
        Arbitrary<IPAddressRange> address = Arbitraries.oneOf(Samples.blocksArb(), Samples.rangeArb());
        Arbitrary<Optional<PortSet>> ports = Samples.portSetArb().optional(0.5);
        return Combinators.combine(directions, protocols, address.list().ofMinSize(1).ofMaxSize(4), ports)
                .as(Box::new);
    }

    /** Expressions of up to {@code depth} operations over random boxes. */
    static Arbitrary<SetModel> expressions(int depth) {
        if (depth == 0) {
            return boxes();
        }
        Arbitrary<SetModel> sub = expressions(depth - 1);
        return Arbitraries.oneOf(
                sub,
                Combinators.combine(sub, sub).as(Union::new),
                Combinators.combine(sub, sub).as(Intersection::new),
                Combinators.combine(sub, sub).as(Difference::new),
                sub.map(Complement::new));
    }
}
