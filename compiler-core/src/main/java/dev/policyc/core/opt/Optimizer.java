package dev.policyc.core.opt;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.ir.PolicyIr;
import java.util.List;
import java.util.Optional;

/**
 * Runs the optimization passes over a bound policy. {@link #standardPasses()} is the one list of
 * passes, in the order they run.
 *
 * <p>The list runs in rounds until a whole round changes nothing (one pass can open chances for
 * another: merged rules may subsume others, folded denies leave allows to merge). So the result
 * is a fixed point of every pass, and optimizing it again returns it unchanged. Every pass
 * shrinks the policy (fewer deny rules, or fewer rules) or only puts it in canonical form, so
 * the rounds end; {@link #MAX_ROUNDS} is a safety net.
 *
 * <p>When {@link #paranoid()}, the exact meaning (accepted flows and logged flows) is compared
 * after every pass; on a difference the optimizer stops, returns the policy as it was before
 * that pass, and reports an {@value #CHANGED_MEANING} error naming the pass and a flow whose
 * verdict or logging it changed.
 */
public final class Optimizer {

    public static final String CHANGED_MEANING = "optimizer-changed-meaning";
    /** Far more rounds than any policy needs; reached only if a pass undid another's work. */
    static final int MAX_ROUNDS = 32;

    private final ImmutableList<Pass> passes;
    private final boolean paranoid;

    Optimizer(List<Pass> passes, boolean paranoid) {
        this.passes = ImmutableList.copyOf(passes);
        this.paranoid = paranoid;
    }

    /** The standard passes; {@code paranoid} checks the meaning after each (the CLI's {@code --paranoid}). */
    public static Optimizer standard(boolean paranoid) {
        return new Optimizer(standardPasses(), paranoid);
    }

    /**
     * The passes, in order: address sets to their minimal CIDR cover, rules differing only in
     * peers merged, rules differing only in ports merged, subsumed rules removed, deny rules
     * folded into the allows. The merges come first because they are cheap (one look at each
     * rule) and leave far fewer rules to the passes that compare flow sets.
     */
    public static ImmutableList<Pass> standardPasses() {
        return ImmutableList.of(
                new MinimalCidrPass(),
                new MergePeersPass(),
                new MergePortsPass(),
                new RemoveSubsumedPass(),
                new FoldDeniesPass());
    }

    public ImmutableList<Pass> passes() {
        return passes;
    }

    public boolean paranoid() {
        return paranoid;
    }

    /**
     * The optimized policy, meaning exactly what {@code policy} means.
     *
     * @throws IllegalArgumentException if {@code policy} still has {@code dns} or {@code resolver} endpoints
     */
    public PassResult optimize(PolicyIr policy) {
        if (!policy.isBound()) {
            throw new IllegalArgumentException("policy " + policy.name() + " must be bound before it is optimized");
        }
        ImmutableList.Builder<Diagnostic> diagnostics = ImmutableList.builder();
        MeaningCheck check = paranoid ? new MeaningCheck(policy) : null;
        RuleMeanings meanings = new RuleMeanings();
        PolicyIr current = policy;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            PolicyIr roundStart = current;
            for (Pass pass : passes) {
                PassResult result = pass instanceof MeaningPass shared ? shared.apply(current, meanings) : pass.apply(current);
                diagnostics.addAll(result.diagnostics());
                if (check != null) {
                    Optional<Diagnostic> broken = check.check(pass, result.policy());
                    if (broken.isPresent()) {
                        diagnostics.add(broken.get());
                        return new PassResult(current, diagnostics.build());
                    }
                }
                current = result.policy();
            }
            if (current.equals(roundStart)) {
                break;
            }
        }
        return new PassResult(current, diagnostics.build());
    }
}
