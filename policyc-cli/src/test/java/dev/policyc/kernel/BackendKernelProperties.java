package dev.policyc.kernel;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.net.PrefixBlocks;
import inet.ipaddr.IPAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * What the kernel does with a backend's rules is what the reference evaluator says the policy
 * means. Each try compiles a generated policy, loads it into fresh namespaces and sends every
 * flow for real (see {@link KernelOracle}); flows and policy blocks stay in the documentation
 * ranges ({@link DocumentationArbitraries}). Needs root, ip, python3 and the target's loader;
 * skipped with the reason otherwise. Each property prints how much it checked.
 *
 * <p>Adding a target: a method like {@link #nftables} with its own {@link OnKernel} id.
 */
@Tag("root")
@AddLifecycleHook(value = KernelAvailable.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class BackendKernelProperties {

    /** About a second each on two busy cores: namespaces, rule loading, two helper runs. */
    private static final int POLICIES = 32;
    private static final int FLOWS_PER_DIRECTION = 40;

    /** A policy with the flows to send: egress first, then ingress. */
    record Sample(PolicyIr policy, ImmutableList<Flow> flows) {
        @Override
        public String toString() {
            return PolicyText.of(policy) + "\nflows:\n"
                    + flows.stream().map(f -> "  " + f).collect(Collectors.joining("\n"));
        }
    }

    /** jqwik makes one instance per property, so this counts one property's tries. */
    private final Tally tally = new Tally();

    @Property(tries = POLICIES)
    @OnKernel("nftables")
    void nftables(@ForAll("samples") Sample sample) {
        check(KernelTarget.nftables(), sample);
    }

    @Property(tries = POLICIES)
    @OnKernel("iptables")
    void iptables(@ForAll("iptablesSamples") Sample sample) {
        check(KernelTarget.iptables(), sample);
    }

    @Property(tries = POLICIES)
    @OnKernel("iptables-ipset")
    void iptablesIpset(@ForAll("iptablesSamples") Sample sample) {
        check(KernelTarget.iptablesIpset(), sample);
    }

    /** For nftables: half the policies give it small rules to merge into concatenated sets. */
    @Provide
    Arbitrary<Sample> samples() {
        return samplesOf(Arbitraries.frequencyOf(
                Tuple.of(1, DocumentationArbitraries.policies()), Tuple.of(1, DocumentationArbitraries.mergingPolicies())));
    }

    /**
     * For iptables (both targets): merging means nothing to it, so all its samples come from the
     * policies of which half name many hosts, which it writes as guards and trees of address
     * chains, or as ipset sets.
     */
    @Provide
    Arbitrary<Sample> iptablesSamples() {
        return samplesOf(DocumentationArbitraries.policies());
    }

    private static Arbitrary<Sample> samplesOf(Arbitrary<PolicyIr> policies) {
        return policies.flatMap(policy -> Combinators.combine(
                        DocumentationArbitraries.flowsNear(policy, Direction.OUT).list().ofSize(FLOWS_PER_DIRECTION),
                        DocumentationArbitraries.flowsNear(policy, Direction.IN).list().ofSize(FLOWS_PER_DIRECTION))
                .as((out, in) -> new Sample(policy, ImmutableList.<Flow>builder().addAll(out).addAll(in).build())));
    }

    @AfterProperty
    void reportWhatWasChecked() {
        tally.summary().ifPresent(System.out::println);
        tally.unmergedNftables().or(tally::treelessIptables).or(tally::setlessIpset).ifPresent(why -> {
            throw new AssertionError(why);
        });
    }

    private void check(KernelTarget target, Sample sample) {
        Judgement judgement;
        try (KernelOracle oracle = KernelOracle.open(KernelTools.find())) {
            judgement = oracle.judge(target, sample.policy(), sample.flows());
        }
        boolean agree = judgement.disagreements().isEmpty();
        tally.add(target.id(), judgement, agree);
        if (!agree) {
            throw new AssertionError(judgement.report());
        }
    }

    /** How many policies and flows one property checked, and whether any disagreed. */
    private static final class Tally {
        private String target;
        private int policies;
        private long egress;
        private long ingress;
        private long allowed;
        private long byRules;
        private int disagreeing;
        /** nftables: policies with rules merged into a concatenated set, and such merged rules. */
        private int merging;
        private long mergedRules;
        /** iptables-ipset: policies whose rules match an ipset set, and such sets. */
        private int withSets;
        private long sets;
        /** Policies with a rule of more than 4, 32 and 64 blocks in one family: iptables guards, trees, deeper trees. */
        private int guarded;
        private int trees;
        private int deepTrees;

        void add(String targetId, Judgement judgement, boolean agree) {
            target = targetId;
            long merged = judgement.artifacts().stream()
                    .flatMap(a -> a.content().lines())
                    .filter(line -> line.contains(" . meta l4proto . th dport @"))
                    .count();
            merging += merged > 0 ? 1 : 0;
            mergedRules += merged;
            long created = judgement.artifacts().stream()
                    .filter(a -> a.path().endsWith(".ipset"))
                    .flatMap(a -> a.content().lines())
                    .filter(line -> line.startsWith("create "))
                    .count();
            withSets += created > 0 ? 1 : 0;
            sets += created;
            policies++;
            int longest = longestAddressList(judgement.policy());
            guarded += longest > 4 ? 1 : 0;
            trees += longest > 32 ? 1 : 0;
            deepTrees += longest > 64 ? 1 : 0;
            egress += judgement.count(Direction.OUT);
            ingress += judgement.count(Direction.IN);
            allowed += judgement.kernel().stream().filter(v -> v == Verdict.ALLOW).count();
            byRules += judgement.flows().stream().filter(f -> !ReferenceEvaluator.evaluate(judgement.policy(), f).isDefault()).count();
            disagreeing += agree ? 0 : 1;
        }

        /** The most merged blocks of one family that a rule of {@code policy} names. */
        private static int longestAddressList(PolicyIr policy) {
            int longest = 0;
            for (Rule rule : policy.rules()) {
                for (boolean v4 : new boolean[] {true, false}) {
                    List<IPAddress> blocks = rule.peer().orElse(ImmutableList.of()).stream()
                            .map(e -> ((Endpoint.Block) e).block())
                            .filter(b -> b.isIPv4() == v4)
                            .toList();
                    longest = Math.max(longest, PrefixBlocks.minimalCover(blocks).size());
                }
            }
            return longest;
        }

        /**
         * {@code kernel oracle (nftables): 32 policies, 2,304 flows (1,152 egress, 1,152 ingress;
         * 1,010 allowed, 1,294 denied; 1,500 decided by a rule, not the default; 14 policies with
         * 17 rules on concatenated sets), all agree; address lists: 12 policies over 4 blocks, 7 over
         * 32, 4 over 64}; the concatenated sets for nftables only.
         */
        Optional<String> summary() {
            if (policies == 0) {
                return Optional.empty();
            }
            String outcome = disagreeing == 0 ? "all agree" : disagreeing + " policies with disagreements (shrinking included)";
            String merges = target.equals("nftables")
                    ? String.format(Locale.ROOT, "; %,d policies with %,d rules on concatenated sets", merging, mergedRules)
                    : target.equals("iptables-ipset") ? String.format(Locale.ROOT, "; %,d policies with %,d ipset sets", withSets, sets) : "";
            return Optional.of(String.format(Locale.ROOT,
                    "kernel oracle (%s): %,d policies, %,d flows (%,d egress, %,d ingress; %,d allowed, %,d denied;"
                            + " %,d decided by a rule, not the default%s), %s; address lists (in one family of one rule): %d policies"
                            + " over 4 blocks, %d over 32, %d over 64",
                    target, policies, egress + ingress, egress, ingress, allowed, egress + ingress - allowed, byRules, merges, outcome,
                    guarded, trees, deepTrees));
        }

        /**
         * Why the iptables run proved too little, if it did: half its samples name many hosts, so
         * a run without any tree means the generator broke, not bad luck.
         */
        Optional<String> treelessIptables() {
            return "iptables".equals(target) && disagreeing == 0 && policies >= POLICIES && trees == 0
                    ? Optional.of("no sample gave the iptables target a tree of address chains; the kernel did not check one")
                    : Optional.empty();
        }

        /**
         * Why the iptables-ipset run proved too little, if it did: half its samples name many
         * hosts, so a run in which no rule matched a set means the generator or the target broke.
         */
        Optional<String> setlessIpset() {
            return "iptables-ipset".equals(target) && disagreeing == 0 && policies >= POLICIES && withSets == 0
                    ? Optional.of("no sample gave the iptables-ipset target a set; the kernel did not check one")
                    : Optional.empty();
        }

        /**
         * Why the nftables run proved too little, if it did: half the samples are made to merge,
         * so a run without any merged rule means merging broke, not bad luck.
         */
        Optional<String> unmergedNftables() {
            return "nftables".equals(target) && disagreeing == 0 && policies >= POLICIES && merging == 0
                    ? Optional.of("no sample gave the nftables target a rule on a concatenated set; the kernel did not check merging")
                    : Optional.empty();
        }
    }
}
