package dev.policyc.core.opt;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.lint.DecisionSets;
import java.util.Optional;

/**
 * The paranoid check after a pass: the policy before and after it must accept exactly the same
 * flows ({@link PolicyMeaning#accepted}) and log exactly the same flows
 * ({@link DecisionSets#logged()}). Holds the sets of the policy last checked, so that a chain of
 * passes computes each policy's sets once.
 */
final class MeaningCheck {

    private PolicyIr current;
    private FlowSet accepted;
    private FlowSet logged;

    MeaningCheck(PolicyIr start) {
        this.current = start;
        this.accepted = PolicyMeaning.accepted(start);
        this.logged = DecisionSets.of(start).logged();
    }

    /**
     * Compares {@code after}, what {@code pass} made of the policy last checked, with it; on
     * success {@code after} becomes the policy last checked.
     *
     * @return an {@link Optimizer#CHANGED_MEANING} error naming the pass and a flow it changed
     */
    Optional<Diagnostic> check(Pass pass, PolicyIr after) {
        if (after.equals(current)) {
            return Optional.empty();
        }
        FlowSet acceptedAfter = PolicyMeaning.accepted(after);
        FlowSet loggedAfter = DecisionSets.of(after).logged();
        Optional<Flow> changedVerdict = accepted.symmetricDifference(acceptedAfter).anyMember();
        if (changedVerdict.isPresent()) {
            Flow f = changedVerdict.get();
            boolean wasAccepted = accepted.contains(f);
            return Optional.of(error(pass, "changed the meaning of policy " + current.name() + ": '" + f + "' was "
                    + (wasAccepted ? "accepted" : "dropped") + " before it and is " + (wasAccepted ? "dropped" : "accepted")
                    + " after it"));
        }
        Optional<Flow> changedLogging = logged.symmetricDifference(loggedAfter).anyMember();
        if (changedLogging.isPresent()) {
            Flow f = changedLogging.get();
            boolean wasLogged = logged.contains(f);
            return Optional.of(error(pass, "changed what policy " + current.name() + " logs: '" + f + "' was "
                    + (wasLogged ? "" : "not ") + "logged before it and is " + (wasLogged ? "not " : "") + "after it"));
        }
        current = after;
        accepted = acceptedAfter;
        logged = loggedAfter;
        return Optional.empty();
    }

    private Diagnostic error(Pass pass, String what) {
        return Diagnostic.error(Optimizer.CHANGED_MEANING, current.span(), "optimizer pass " + pass.name() + " " + what)
                .withHint("this is a bug in policyc, please report it; the policy is used as it was before that pass");
    }
}
