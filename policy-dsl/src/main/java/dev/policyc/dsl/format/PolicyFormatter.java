package dev.policyc.dsl.format;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.dsl.ast.DefaultDecl;
import dev.policyc.dsl.ast.Include;
import dev.policyc.dsl.ast.NetDefine;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.PolicyItem;
import dev.policyc.dsl.ast.PortsDefine;
import dev.policyc.dsl.ast.RuleDecl;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.ast.TopLevel;
import dev.policyc.dsl.ast.Trivia;
import java.util.Optional;

/**
 * Prints an AST as canonical policy-language text: what {@code policyc fmt} writes. Spans are
 * ignored; everything else of the AST, comments included, is printed, and nothing is added to
 * the meaning (an implied direction stays implied, literals stay as written).
 *
 * <h2>Canonical form</h2>
 *
 * <ul>
 *   <li>Top-level items in source order. One blank line between two items of different kinds
 *       (include, define, policy), before and after every {@code policy} block, and where the
 *       source had one ({@link Trivia#blankLineBefore()}); never two in a row, none at the start.
 *   <li>Inside a policy: four spaces of indentation, items in source order, a blank line kept
 *       where the source had one (except right after the opening brace).
 *   <li>Statements: {@code include "path"}, {@code define net NAME = ENDPOINTS},
 *       {@code define ports NAME = PORTS}, <code>policy NAME { ... }</code>,
 *       {@code default allow|deny [in|out] [log]}, and rules as
 *       {@code VERDICT [in|out] [PROTOCOLS] [to|from ENDPOINTS] [port PORTS] [log] [comment "..."]}
 *       with the direction only where it was written. One statement per line, never wrapped.
 *   <li>Lists: one protocol bare ({@code tcp}), several as {@code {tcp, udp}}; one endpoint or
 *       port bare, several as <code>{ a, b }</code>. Endpoints always in keyword form
 *       ({@code host A}, {@code cidr P}, {@code dns "name"}, {@code resolver}, {@code any},
 *       {@code $name}); ports as {@code 80}, {@code 8000-8080}, {@code $web}.
 *   <li>Strings double-quoted, with {@code \\} for a backslash and {@code \"} for a double quote
 *       as the only escapes.
 *   <li>Comments: leading comments each on their own line at the statement's indentation,
 *       written {@code #} followed by the text exactly as kept (so {@code # x} stays {@code # x});
 *       a trailing comment after its statement, two spaces before the {@code #}; a policy's
 *       trailing comment after its closing brace; comments before a closing brace at the inner
 *       indentation; comments at the end of the file after one blank line. Trailing blanks of a
 *       comment are dropped; no comment is.
 *   <li>No trailing whitespace, no tabs outside comments and strings, and exactly one newline at
 *       the end of a non-empty file; a unit with no items and no comments prints as the empty text.
 * </ul>
 *
 * <h2>Text that no policy file can hold</h2>
 *
 * The DSL parser cannot build an AST that is not writable, but other front ends can (a YAML
 * string with a line break, an empty list, a name with a space). {@link #tryFormat} reports such
 * text as {@value #UNWRITABLE} errors instead of printing a file that would read back
 * differently; {@link #format} takes writability as a precondition and throws when it fails.
 */
public final class PolicyFormatter {

    /** The code of the diagnostics {@link #tryFormat} gives for text a policy file cannot hold. */
    public static final String UNWRITABLE = "unwritable-in-dsl";

    private PolicyFormatter() {}

    /**
     * The canonical text of {@code unit}.
     *
     * @throws IllegalArgumentException when {@code unit} holds text that no policy file can hold
     *     (see {@link #tryFormat}); never the case for an AST from the DSL parser
     */
    public static String format(SourceUnit unit) {
        ImmutableList<Diagnostic> unwritable = WritabilityCheck.check(unit);
        if (!unwritable.isEmpty()) {
            throw new IllegalArgumentException("cannot format " + unit.file() + ": " + unwritable.get(0).message()
                    + (unwritable.size() > 1 ? " (and " + (unwritable.size() - 1) + " more)" : ""));
        }
        return render(unit);
    }

    /** The canonical text of {@code unit}, or errors naming each text that a policy file cannot hold. */
    public static FormatResult tryFormat(SourceUnit unit) {
        ImmutableList<Diagnostic> unwritable = WritabilityCheck.check(unit);
        return unwritable.isEmpty()
                ? new FormatResult(Optional.of(render(unit)), ImmutableList.of())
                : new FormatResult(Optional.empty(), unwritable);
    }

    private static String render(SourceUnit unit) {
        DslWriter out = new DslWriter();
        TopLevel previous = null;
        for (TopLevel item : unit.items()) {
            if (item.trivia().blankLineBefore() || previous != null && kind(previous) != kind(item)
                    || item instanceof PolicyDecl) {
                out.blankLine();
            }
            topLevel(item, out);
            previous = item;
        }
        out.blankLine();
        unit.endComments().forEach(out::comment);
        return out.text();
    }

    private enum Kind { INCLUDE, DEFINE, POLICY }

    private static Kind kind(TopLevel item) {
        if (item instanceof Include) {
            return Kind.INCLUDE;
        }
        return item instanceof PolicyDecl ? Kind.POLICY : Kind.DEFINE;
    }

    private static void topLevel(TopLevel item, DslWriter out) {
        item.trivia().leading().forEach(out::comment);
        if (item instanceof Include include) {
            out.statement(StatementText.include(include), include.trivia().trailing());
        } else if (item instanceof NetDefine define) {
            out.statement(StatementText.netDefine(define), define.trivia().trailing());
        } else if (item instanceof PortsDefine define) {
            out.statement(StatementText.portsDefine(define), define.trivia().trailing());
        } else if (item instanceof PolicyDecl policy) {
            policy(policy, out);
            out.blankLine();
        } else {
            throw new AssertionError("unknown top-level item " + item);
        }
    }

    private static void policy(PolicyDecl policy, DslWriter out) {
        out.open(StatementText.policyHeader(policy.name().text()));
        for (PolicyItem item : policy.items()) {
            if (item.trivia().blankLineBefore()) {
                out.blankLine();
            }
            item.trivia().leading().forEach(out::comment);
            out.statement(statement(item), item.trivia().trailing());
        }
        policy.closingComments().forEach(out::comment);
        out.close("}", policy.trivia().trailing());
    }

    private static String statement(PolicyItem item) {
        if (item instanceof RuleDecl rule) {
            return StatementText.rule(rule);
        } else if (item instanceof DefaultDecl decl) {
            return StatementText.defaultDecl(decl);
        } else if (item instanceof NetDefine define) {
            return StatementText.netDefine(define);
        } else if (item instanceof PortsDefine define) {
            return StatementText.portsDefine(define);
        }
        throw new AssertionError("unknown policy item " + item);
    }
}
