package dev.policyc.core.verify;

import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.ir.Verdict;
import java.util.Objects;

/**
 * A statement of an artifact that decides flows: a rule with a verdict, or the default of a chain.
 *
 * @param location where it is in the artifact (the file is the artifact's path)
 * @param text     the statement as written, for people
 * @param verdict  what it does with the flows it decides
 * @param decided  the new flows that reach it and that it decides; for a first-match ruleset,
 *                 those it matches that no earlier statement decided
 */
public record ArtifactRule(SourceSpan location, String text, Verdict verdict, FlowSet decided) {

    public ArtifactRule {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(decided, "decided");
    }
}
