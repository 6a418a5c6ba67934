package dev.policyc.core.lint;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The flow sets behind a policy's output: what its allow and deny rules match (all of them, and
 * those with {@code log}), and which flows its defaults accept and log. From them follow the two
 * things a compiled policy does with a new flow: accept it or not ({@link #accepted()}), and log
 * it or not ({@link #logged()}).
 *
 * <p>Logging follows {@link dev.policyc.core.eval.Decision#logged()}: a flow is logged when a
 * rule that decides it has {@code log} (any matching deny for a dropped flow, any matching allow
 * for an accepted one), or when no rule matches it and its direction's default logs.
 *
 * @param allowed        flows some allow rule matches
 * @param allowedLogged  flows some allow rule with {@code log} matches
 * @param denied         flows some deny rule matches
 * @param deniedLogged   flows some deny rule with {@code log} matches
 * @param defaultAllowed every flow of the directions whose default is allow
 * @param defaultLogged  every flow of the directions whose default logs
 */
public record DecisionSets(FlowSet allowed, FlowSet allowedLogged, FlowSet denied, FlowSet deniedLogged,
        FlowSet defaultAllowed, FlowSet defaultLogged) {

    private static final ImmutableRangeSet<Integer> ALL_PROTOCOLS = ImmutableRangeSet.of(Range.closed(0, 255));
    private static final List<IPAddress> EVERY_ADDRESS = List.of(
            new IPAddressString("0.0.0.0/0").getAddress(), new IPAddressString("::/0").getAddress());

    public DecisionSets {
        Objects.requireNonNull(allowed, "allowed");
        Objects.requireNonNull(allowedLogged, "allowedLogged");
        Objects.requireNonNull(denied, "denied");
        Objects.requireNonNull(deniedLogged, "deniedLogged");
        Objects.requireNonNull(defaultAllowed, "defaultAllowed");
        Objects.requireNonNull(defaultLogged, "defaultLogged");
    }

    /**
     * The sets of a bound policy.
     *
     * @throws IllegalArgumentException if a rule still names a {@code dns} or {@code resolver} endpoint
     */
    public static DecisionSets of(PolicyIr policy) {
        return new DecisionSets(
                matchedBy(policy, r -> r.verdict() == Verdict.ALLOW),
                matchedBy(policy, r -> r.verdict() == Verdict.ALLOW && r.log()),
                matchedBy(policy, r -> r.verdict() == Verdict.DENY),
                matchedBy(policy, r -> r.verdict() == Verdict.DENY && r.log()),
                defaults(policy, d -> policy.defaultFor(d).verdict() == Verdict.ALLOW),
                defaults(policy, d -> policy.defaultFor(d).log()));
    }

    /** Every flow of the directions of {@code policy} that pass {@code test}. */
    static FlowSet defaults(PolicyIr policy, Predicate<Direction> test) {
        Set<Direction> directions = EnumSet.noneOf(Direction.class);
        for (Direction d : Direction.values()) {
            if (test.test(d)) {
                directions.add(d);
            }
        }
        return directions.isEmpty()
                ? FlowSet.empty()
                : FlowSet.box(directions, ALL_PROTOCOLS, EVERY_ADDRESS, Optional.empty());
    }

    /** The flows the policy accepts; equal to {@link PolicyMeaning#accepted}. */
    public FlowSet accepted() {
        return allowed.union(defaultAllowed).difference(denied);
    }

    /** The flows whose decision is logged. */
    public FlowSet logged() {
        FlowSet byDefault = defaultLogged.difference(allowed).difference(denied);
        return deniedLogged.union(allowedLogged.difference(denied)).union(byDefault);
    }

    private static FlowSet matchedBy(PolicyIr policy, Predicate<Rule> test) {
        return PolicyMeaning.matchedByAny(policy.rules().stream().filter(test).collect(ImmutableList.toImmutableList()));
    }
}
