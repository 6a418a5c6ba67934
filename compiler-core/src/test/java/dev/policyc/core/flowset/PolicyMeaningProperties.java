package dev.policyc.core.flowset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** {@link PolicyMeaning} against the rule-by-rule verdict of {@link Fixtures#verdict}. */
class PolicyMeaningProperties {

    @Property(tries = 300)
    void acceptedAgreesWithTheRuleByRuleVerdict(@ForAll("policies") PolicyIr policy, @ForAll("flows") List<Flow> flows) {
        FlowSet accepted = PolicyMeaning.accepted(policy);
        for (Flow f : flows) {
            Verdict expected = Fixtures.verdict(policy, f);
            Statistics.label("verdict").collect(expected);
            assertEquals(expected == Verdict.ALLOW, accepted.contains(f), f + " under " + policy.rules());
        }
        Statistics.label("verdict").coverage(c -> {
            c.check(Verdict.ALLOW).percentage(p -> p > 10);
            c.check(Verdict.DENY).percentage(p -> p > 10);
        });
    }

    @Property(tries = 200)
    void matchedAgreesWithRuleMatching(@ForAll("rules") Rule rule, @ForAll("flows") List<Flow> flows) {
        FlowSet matched = PolicyMeaning.matched(rule);
        for (Flow f : flows) {
            assertEquals(Fixtures.matches(rule, f), matched.contains(f), f + " against " + rule);
        }
    }

    @Provide
    Arbitrary<Rule> rules() {
        Arbitrary<Set<Protocol>> protocols = Arbitraries.of(Protocol.class).set().ofMaxSize(3);
        Arbitrary<Optional<ImmutableList<Endpoint>>> peer = Samples.blocksArb()
                .map(b -> (Endpoint) new Endpoint.Block(b, b.toCanonicalString(), Fixtures.SPAN))
                .list().ofMinSize(1).ofMaxSize(4)
                .map(ImmutableList::copyOf)
                .optional(0.8);
        return Combinators.combine(Arbitraries.of(Verdict.class), Arbitraries.of(Direction.class), protocols, peer,
                        Samples.portSetArb().optional(0.6))
                .as((verdict, direction, protos, endpoints, ports) -> {
                    boolean portsAllowed = !protos.isEmpty() && protos.stream().allMatch(Protocol::hasPorts);
                    Optional<PortSet> portSpec = portsAllowed ? ports : Optional.empty();
                    return new Rule(verdict, direction, ImmutableSet.copyOf(protos), endpoints, portSpec, false,
                            Optional.empty(), Fixtures.SPAN);
                });
    }

    @Provide
    Arbitrary<PolicyIr> policies() {
        Arbitrary<DefaultAction> defaults = Arbitraries.of(Verdict.class)
                .map(v -> new DefaultAction(v, false, Optional.empty()));
        return Combinators.combine(defaults, defaults, rules().list().ofMaxSize(8))
                .as((in, out, rs) -> new PolicyIr("p", Fixtures.SPAN, in, out, ImmutableList.copyOf(rs)));
    }

    @Provide
    Arbitrary<List<Flow>> flows() {
        return Samples.flowArb().list().ofMinSize(20).ofMaxSize(60);
    }
}
