package dev.policyc.cli;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.opt.Optimizer;
import dev.policyc.core.opt.PassResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the optimizer over every policy of a bound program, for the commands that emit
 * (compile, verify). With {@code paranoid}, each pass is followed by an exact equivalence
 * check that names the pass if it changed the meaning.
 */
final class Optimization {

    private Optimization() {}

    /** The optimized program and what the passes reported. */
    record Result(Program program, ImmutableList<Diagnostic> diagnostics) {
        boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    static Result run(Program bound, boolean paranoid) {
        Optimizer optimizer = Optimizer.standard(paranoid);
        List<PolicyIr> policies = new ArrayList<>();
        ImmutableList.Builder<Diagnostic> diagnostics = ImmutableList.builder();
        for (PolicyIr policy : bound.policies()) {
            PassResult result = optimizer.optimize(policy);
            policies.add(result.policy());
            diagnostics.addAll(result.diagnostics());
        }
        return new Result(new Program(ImmutableList.copyOf(policies)), diagnostics.build());
    }
}
