package dev.policyc.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.SourceSpan;
import dev.policyc.dsl.ast.DefaultDecl;
import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.Include;
import dev.policyc.dsl.ast.NetDefine;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.PolicyItem;
import dev.policyc.dsl.ast.PortItem;
import dev.policyc.dsl.ast.PortsDefine;
import dev.policyc.dsl.ast.RuleDecl;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.ast.TopLevel;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: every span of an AST, and whether a span lies inside a text. */
final class SpanChecks {

    private SpanChecks() {}

    /** Fails unless {@code span} names {@code file} and lies on a line of {@code text}. */
    static void assertInside(String file, String text, SourceSpan span) {
        assertEquals(file, span.file(), "file of " + span);
        String[] lines = text.split("\n", -1);
        assertTrue(span.line() >= 1 && span.line() <= lines.length, "line of " + span + " in " + lines.length + " lines");
        String line = lines[span.line() - 1];
        int length = line.endsWith("\r") ? line.length() - 1 : line.length();
        assertTrue(span.column() >= 1 && span.column() <= length + 1, "column of " + span + " in a line of " + length);
        assertTrue(span.column() + span.length() - 1 <= length + 1,
                "end of " + span + " (length " + span.length() + ") in a line of " + length);
    }

    /** Every span the AST holds. */
    static List<SourceSpan> spans(SourceUnit unit) {
        List<SourceSpan> out = new ArrayList<>();
        for (TopLevel item : unit.items()) {
            out.add(item.span());
            if (item instanceof Include i) {
                out.add(i.pathSpan());
            } else if (item instanceof PolicyDecl p) {
                out.add(p.name().span());
                p.items().forEach(i -> addItem(i, out));
            } else {
                addDefine(item, out);
            }
        }
        return out;
    }

    private static void addItem(PolicyItem item, List<SourceSpan> out) {
        out.add(item.span());
        if (item instanceof RuleDecl r) {
            out.add(r.verdict().span());
            r.direction().ifPresent(d -> out.add(d.span()));
            r.protocols().forEach(p -> out.add(p.span()));
            r.peer().ifPresent(p -> {
                out.add(p.keyword().span());
                p.endpoints().forEach((EndpointNode e) -> out.add(e.span()));
            });
            r.ports().forEach(p -> addPort(p, out));
            r.portKeyword().ifPresent(out::add);
            r.log().ifPresent(out::add);
            r.comment().ifPresent(c -> out.add(c.span()));
        } else if (!(item instanceof DefaultDecl)) {
            addDefine(item, out);
        }
    }

    private static void addDefine(Object define, List<SourceSpan> out) {
        if (define instanceof NetDefine d) {
            out.add(d.name().span());
            d.endpoints().forEach(e -> out.add(e.span()));
        } else if (define instanceof PortsDefine d) {
            out.add(d.name().span());
            d.ports().forEach(p -> addPort(p, out));
        } else {
            throw new AssertionError("unknown node " + define);
        }
    }

    private static void addPort(PortItem port, List<SourceSpan> out) {
        out.add(port.span());
        if (port instanceof PortItem.Range r) {
            out.add(r.firstSpan());
            out.add(r.lastSpan());
        }
    }
}
