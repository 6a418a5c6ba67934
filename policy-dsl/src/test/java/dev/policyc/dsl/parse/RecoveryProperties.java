package dev.policyc.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.Diagnostic;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * One typo gives one error, or two at most (a '{' or a quote can change how the rest of a
 * line reads), never a cascade of follow-on errors.
 */
class RecoveryProperties {

    record Edit(String sample, int position, char inserted, boolean delete) {
        String apply() {
            int at = Math.min(position, sample.length() - 1);
            return delete ? sample.substring(0, at) + sample.substring(at + 1)
                    : sample.substring(0, at) + inserted + sample.substring(at);
        }
    }

    @Property(tries = 1500)
    void oneEditGivesAtMostTwoDiagnostics(@ForAll("edits") Edit edit) {
        String text = edit.apply();
        List<Diagnostic> found = DslParser.parse("edit.policy", text).diagnostics();
        assertTrue(found.size() <= 2, () -> text + "\n" + ParseTesting.describe(found));
    }

    @Provide
    Arbitrary<Edit> edits() {
        return Combinators.combine(
                        Arbitraries.of(Samples.VALID),
                        Arbitraries.integers().between(0, 2000),
                        Arbitraries.of("{}#\",x-$/;:.=@'\\A1 ".toCharArray()),
                        Arbitraries.of(true, false))
                .as(Edit::new);
    }
}
