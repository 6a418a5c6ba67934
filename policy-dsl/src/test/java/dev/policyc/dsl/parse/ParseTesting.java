package dev.policyc.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.RuleDecl;
import dev.policyc.dsl.ast.SourceUnit;
import java.util.List;
import java.util.stream.Collectors;

/** Shorthands for the parser tests. */
final class ParseTesting {

    static final String FILE = "test.policy";

    private ParseTesting() {}

    /** Parses text that must have no diagnostics. */
    static SourceUnit parseClean(String text) {
        ParseResult result = DslParser.parse(FILE, text);
        assertEquals(List.of(), result.diagnostics(), "diagnostics of\n" + text);
        return result.unit();
    }

    /** Parses text that must give exactly one diagnostic, and returns it. */
    static Diagnostic onlyError(String text) {
        List<Diagnostic> found = DslParser.parse(FILE, text).diagnostics();
        assertEquals(1, found.size(), () -> "expected one diagnostic for\n" + text + "\nbut got\n" + describe(found));
        assertTrue(found.get(0).isError());
        return found.get(0);
    }

    static List<Diagnostic> errors(String text) {
        return DslParser.parse(FILE, text).diagnostics();
    }

    /** Fails unless {@code d} is at line:column with this message and hint (null: no hint). */
    static void assertDiagnostic(Diagnostic d, String code, int line, int column, String message, String hint) {
        assertEquals(code, d.code(), () -> describe(List.of(d)));
        assertEquals(message, d.message());
        assertEquals(line + ":" + column, d.span().line() + ":" + d.span().column(), () -> describe(List.of(d)));
        assertEquals(hint, d.hint(), () -> describe(List.of(d)));
        assertFalse(d.message().contains("expecting") || d.message().contains("mismatched"));
    }

    static void assertSpan(SourceSpan span, int line, int column, int length) {
        assertEquals(FILE + ":" + line + ":" + column + " length " + length,
                span.file() + ":" + span.line() + ":" + span.column() + " length " + span.length());
    }

    /** The only policy of a unit. */
    static PolicyDecl policy(SourceUnit unit) {
        assertEquals(1, unit.policies().size());
        return unit.policies().get(0);
    }

    /** The rule in a one-rule policy {@code policy p { RULE }}. */
    static RuleDecl rule(String ruleText) {
        PolicyDecl p = policy(parseClean("policy p {\n    " + ruleText + "\n}\n"));
        assertEquals(1, p.items().size());
        return (RuleDecl) p.items().get(0);
    }

    static String describe(List<Diagnostic> found) {
        return found.stream().map(d -> d.span() + " " + d.code() + ": " + d.message() + " / hint: " + d.hint())
                .collect(Collectors.joining("\n"));
    }
}
