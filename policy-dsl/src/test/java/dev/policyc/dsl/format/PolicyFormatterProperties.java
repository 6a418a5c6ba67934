package dev.policyc.dsl.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.testing.AstArbitraries;
import dev.policyc.dsl.testing.AstNormalizer;
import dev.policyc.dsl.testing.AstWalk;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What holds for the formatted text of every valid policy file. */
class PolicyFormatterProperties {

    @Provide
    Arbitrary<SourceUnit> units() {
        return AstArbitraries.sourceUnits();
    }

    @Property(tries = 200)
    void everyValidUnitIsWritable(@ForAll("units") SourceUnit unit) {
        FormatResult result = PolicyFormatter.tryFormat(unit);

        assertEquals(List.of(), result.diagnostics());
        assertEquals(Optional.of(PolicyFormatter.format(unit)), result.text());
    }

    @Property(tries = 200)
    void outputIsTidy(@ForAll("units") SourceUnit unit) {
        String text = PolicyFormatter.format(unit);

        assertTrue(text.endsWith("\n") && !text.endsWith("\n\n"), "ends with exactly one newline");
        assertFalse(text.startsWith("\n"), "starts with a blank line");
        assertFalse(text.contains("\n\n\n"), "has two blank lines in a row");
        assertFalse(text.contains("\t"), "has a tab");
        for (String line : text.split("\n", -1)) {
            assertEquals(line.stripTrailing(), line, "trailing whitespace");
        }
    }

    @Property(tries = 200)
    void keepsEveryCommentAndEveryRuleComment(@ForAll("units") SourceUnit unit) {
        String text = PolicyFormatter.format(unit);
        List<String> lines = List.of(text.split("\n"));

        for (String comment : AstNormalizer.commentTexts(unit)) {
            String written = "#" + comment.stripTrailing();
            assertTrue(lines.stream().anyMatch(line -> line.strip().equals(written) || line.endsWith("  " + written)),
                    () -> "lost comment " + written);
        }
        AstWalk.rules(unit).flatMap(rule -> rule.comment().stream())
                .forEach(c -> assertTrue(text.contains(" comment " + StatementText.quoted(c.value())),
                        () -> "lost rule comment " + c.value()));
    }

    /** One line per statement and per closing brace, besides whole-line comments and blank lines. */
    @Property(tries = 200)
    void writesOneStatementPerLine(@ForAll("units") SourceUnit unit) {
        long statementLines = PolicyFormatter.format(unit).lines()
                .filter(line -> !line.isBlank() && !line.strip().startsWith("#"))
                .count();
        long statements = unit.items().size()
                + unit.policies().stream().mapToLong(policy -> policy.items().size() + 1).sum();

        assertEquals(statements, statementLines);
    }

    @Property(tries = 200)
    void ignoresSpans(@ForAll("units") SourceUnit unit) {
        assertEquals(PolicyFormatter.format(unit), PolicyFormatter.format(AstNormalizer.withoutSpans(unit)));
    }
}
