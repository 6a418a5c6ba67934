package dev.policyc.core.eval;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import java.util.Optional;

/**
 * The meaning of a policy, written as plainly as the language page states it; every backend,
 * pass and verifier is checked against this class, so it stays simple rather than fast.
 *
 * <p>The verdict of a flow does not depend on rule order: if any deny rule matches, deny; else
 * if any allow rule matches, allow; else the policy's default for the flow's direction.
 *
 * <p>A rule matches a flow when every part it names matches:
 * <ul>
 *   <li>direction: equal;
 *   <li>protocols: none named matches every protocol number; else one of them is the flow's
 *       protocol and exists in the flow's family ({@code icmp} IPv4 only, {@code icmpv6} IPv6
 *       only, {@code tcp} and {@code udp} both);
 *   <li>peer: none named matches every address; else some block contains the flow's address
 *       (of the same family);
 *   <li>ports: none named matches every flow; else the flow has a port and it is in the set.
 * </ul>
 */
public final class ReferenceEvaluator {

    private ReferenceEvaluator() {}

    /**
     * The verdict on {@code flow} and the rules or default behind it.
     *
     * @throws IllegalArgumentException if {@code policy} still has {@code dns} or {@code resolver}
     *                                  endpoints: bind it first with
     *                                  {@link dev.policyc.core.ir.EndpointBinder}
     */
    public static Decision evaluate(PolicyIr policy, Flow flow) {
        if (!policy.isBound()) {
            throw new IllegalArgumentException("policy " + policy.name() + " has unbound dns or resolver endpoints");
        }
        ImmutableList.Builder<Rule> denies = ImmutableList.builder();
        ImmutableList.Builder<Rule> allows = ImmutableList.builder();
        for (Rule rule : policy.rules()) {
            if (matches(rule, flow)) {
                (rule.verdict() == Verdict.DENY ? denies : allows).add(rule);
            }
        }
        ImmutableList<Rule> matchingDenies = denies.build();
        ImmutableList<Rule> matchingAllows = allows.build();
        if (!matchingDenies.isEmpty()) {
            return new Decision(Verdict.DENY, matchingDenies, matchingAllows, Optional.empty());
        }
        if (!matchingAllows.isEmpty()) {
            return new Decision(Verdict.ALLOW, matchingAllows, ImmutableList.of(), Optional.empty());
        }
        DefaultAction byDefault = policy.defaultFor(flow.direction());
        return new Decision(byDefault.verdict(), ImmutableList.of(), ImmutableList.of(), Optional.of(byDefault));
    }

    /** The verdict alone. */
    public static Verdict verdict(PolicyIr policy, Flow flow) {
        return evaluate(policy, flow).verdict();
    }

    /**
     * True when {@code rule} matches {@code flow}.
     *
     * @throws IllegalArgumentException if the rule has an unbound endpoint
     */
    public static boolean matches(Rule rule, Flow flow) {
        if (!rule.isBound()) {
            throw new IllegalArgumentException("rule at " + rule.span() + " has unbound dns or resolver endpoints");
        }
        return rule.direction() == flow.direction()
                && protocolMatches(rule, flow)
                && peerMatches(rule, flow)
                && portMatches(rule, flow);
    }

    private static boolean protocolMatches(Rule rule, Flow flow) {
        if (rule.protocols().isEmpty()) {
            return true;
        }
        for (Protocol p : rule.protocols()) {
            if (p.number() == flow.protocol() && p.existsIn(flow.family())) {
                return true;
            }
        }
        return false;
    }

    private static boolean peerMatches(Rule rule, Flow flow) {
        if (rule.peer().isEmpty()) {
            return true;
        }
        for (Endpoint endpoint : rule.peer().get()) {
            if (((Endpoint.Block) endpoint).contains(flow.address())) {
                return true;
            }
        }
        return false;
    }

    private static boolean portMatches(Rule rule, Flow flow) {
        if (rule.ports().isEmpty()) {
            return true;
        }
        return flow.port().isPresent() && rule.ports().get().contains(flow.port().getAsInt());
    }
}
