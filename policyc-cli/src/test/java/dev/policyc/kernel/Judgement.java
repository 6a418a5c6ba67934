package dev.policyc.kernel;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * What the kernel did with each flow under the rules one target compiled from one policy.
 *
 * @param target    the backend's id
 * @param policy    the policy compiled
 * @param artifacts what the backend emitted and the kernel loaded
 * @param flows     the flows asked about
 * @param kernel    the kernel's verdict on each flow, in the same order
 */
record Judgement(String target, PolicyIr policy, ImmutableList<Artifact> artifacts, ImmutableList<Flow> flows,
        ImmutableList<Verdict> kernel) {

    /** A flow on which the kernel and the reference evaluator differ. */
    record Disagreement(Flow flow, Verdict evaluator, Verdict kernel) {
        @Override
        public String toString() {
            return "flow '" + flow + "': reference evaluator " + evaluator.keyword() + ", kernel " + kernel.keyword();
        }
    }

    Judgement {
        artifacts = ImmutableList.copyOf(artifacts);
        flows = ImmutableList.copyOf(flows);
        kernel = ImmutableList.copyOf(kernel);
        if (flows.size() != kernel.size()) {
            throw new IllegalArgumentException("one verdict per flow");
        }
    }

    /** Every flow whose kernel verdict is not the reference evaluator's, in order. */
    ImmutableList<Disagreement> disagreements() {
        List<Disagreement> found = new ArrayList<>();
        for (int i = 0; i < flows.size(); i++) {
            Verdict expected = ReferenceEvaluator.verdict(policy, flows.get(i));
            if (expected != kernel.get(i)) {
                found.add(new Disagreement(flows.get(i), expected, kernel.get(i)));
            }
        }
        return ImmutableList.copyOf(found);
    }

    long count(Direction direction) {
        return flows.stream().filter(f -> f.direction() == direction).count();
    }

    /** The failure message: every disagreement, the policy in the language, and what was loaded. */
    String report() {
        ImmutableList<Disagreement> wrong = disagreements();
        StringBuilder text = new StringBuilder()
                .append("the kernel, with the ").append(target).append(" rules loaded, disagrees with the reference evaluator on ")
                .append(wrong.size()).append(" of ").append(flows.size()).append(" flows:\n");
        wrong.forEach(d -> text.append("  ").append(d).append('\n'));
        text.append("policy:\n").append(PolicyText.of(policy)).append('\n');
        for (Artifact artifact : artifacts) {
            text.append("--- ").append(artifact.path()).append(" ---\n").append(artifact.content());
        }
        return text.toString();
    }
}
