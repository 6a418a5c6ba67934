package dev.policyc.dsl.expect;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.SourceLines;
import dev.policyc.core.eval.Decision;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.flowset.FlowBox;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import java.util.List;

/**
 * Words for people about a verdict: which rule (file:line and its source text) or which
 * default decided a flow, and what an unmet expectation found. Used by {@code policyc explain},
 * {@code policyc test} and the assertions of {@code policyc-testing}, so they all say it alike.
 */
public final class DecisionText {

    /** How many ranges of violating flows a failure lists before "and N more". */
    private static final int SHOWN_RANGES = 3;

    private DecisionText() {}

    /** {@code file:line  source text  [matches cidr 10.0.0.0/8]} for a rule that matches {@code flow}. */
    public static String rule(Rule rule, Flow flow, SourceLines lines) {
        String matched = matchedOrigin(rule, flow).map(origin -> "  [matches " + origin + "]").orElse("");
        return rule.span().fileAndLine() + "  " + sourceText(rule, lines) + matched;
    }

    /** The rule's line as written, without its comment; empty when the line cannot be read. */
    public static String sourceText(Rule rule, SourceLines lines) {
        return lines.line(rule.span().file(), rule.span().line()).map(DecisionText::withoutComment).orElse("");
    }

    /**
     * How the policy named the first endpoint of {@code rule} that contains the flow's address
     * ({@code cidr 10.0.0.0/8}, {@code $cloudflare}); empty when the rule names no peer.
     */
    public static java.util.Optional<String> matchedOrigin(Rule rule, Flow flow) {
        return rule.peer().flatMap(peer -> peer.stream()
                .filter(e -> e instanceof Endpoint.Block b && b.contains(flow.address()))
                .map(e -> ((Endpoint.Block) e).origin())
                .findFirst());
    }

    /** {@code the default for out flows: deny (webapp.policy:9)}, or {@code (implicit ...)}. */
    public static String byDefault(DefaultAction action, Flow flow) {
        String where = action.span().map(s -> " (" + s.fileAndLine() + ")").orElse(" (implicit: the policy sets none)");
        return "the default for " + flow.direction().keyword() + " flows: " + action.verdict().keyword() + where
                + (action.log() ? ", logged" : "");
    }

    /** One line per deciding rule, or the one line of the default that decided. */
    public static ImmutableList<String> decidedBy(Decision decision, Flow flow, SourceLines lines) {
        if (decision.isDefault()) {
            return ImmutableList.of(byDefault(decision.byDefault().orElseThrow(), flow));
        }
        return decision.deciding().stream().map(r -> rule(r, flow, lines)).collect(ImmutableList.toImmutableList());
    }

    /**
     * A failed expectation for people, a line each, without indentation:
     * <pre>
     * counterexample: in tcp 192.168.1.0 22 is allowed, expected deny
     * decided by webapp.policy:11  allow in tcp from cidr 192.168.1.0/24 port 22  [matches cidr 192.168.1.0/24]
     * every such flow: in tcp 192.168.1.0/24 port 22
     * </pre>
     * The last line is left out when the counterexample is the only such flow.
     */
    public static ImmutableList<String> failure(ExpectationChecker.Failed failed, SourceLines lines) {
        ImmutableList.Builder<String> out = ImmutableList.builder();
        Flow flow = failed.counterexample();
        out.add("counterexample: " + flow + " is " + verdictWord(failed.decision()) + ", expected "
                + failed.required().keyword());
        List<String> deciders = decidedBy(failed.decision(), flow, lines);
        if (deciders.size() == 1) {
            out.add("decided by " + deciders.get(0));
        } else {
            out.add("decided by " + deciders.size() + " rules:");
            deciders.forEach(d -> out.add("  " + d));
        }
        if (!failed.violating().equals(FlowSet.of(flow))) {
            List<FlowBox> boxes = failed.violating().boxes();
            String shown = String.join("; ", boxes.stream().limit(SHOWN_RANGES).map(FlowBox::toString).toList());
            int more = boxes.size() - SHOWN_RANGES;
            out.add((boxes.size() == 1 ? "every such flow: " : "every such flow (" + boxes.size() + " ranges): ")
                    + shown + (more > 0 ? "; and " + more + " more" : ""));
        }
        return out.build();
    }

    private static String verdictWord(Decision decision) {
        return decision.verdict() == Verdict.ALLOW ? "allowed" : "denied";
    }

    /** A source line without its {@code #} comment (outside strings), blanks folded. */
    public static String withoutComment(String line) {
        boolean inString = false;
        int end = line.length();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString && c == '\\') {
                i++;
            } else if (c == '"') {
                inString = !inString;
            } else if (c == '#' && !inString) {
                end = i;
                break;
            }
        }
        return line.substring(0, end).strip().replaceAll("\\s+", " ");
    }
}
