package dev.policyc.core.diag;

import java.util.Collection;

/**
 * Renders diagnostics the way compilers do:
 *
 * <pre>
 * webapp.policy:7:27: error: undefined name $wbe
 *     allow out tcp to $wbe port 443
 *                      ^~~~
 * hint: did you mean $web?
 * </pre>
 *
 * <p>Tabs in the excerpt are kept in the caret line so that the caret lines up in a terminal.
 */
public final class DiagnosticPrinter {

    private final SourceLines sources;

    public DiagnosticPrinter(SourceLines sources) {
        this.sources = sources;
    }

    /** All of {@code diagnostics}, in the order given, each ending with a newline. */
    public String render(Collection<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            render(d, out);
        }
        return out.toString();
    }

    /** One diagnostic, ending with a newline. */
    public String render(Diagnostic diagnostic) {
        StringBuilder out = new StringBuilder();
        render(diagnostic, out);
        return out.toString();
    }

    private void render(Diagnostic d, StringBuilder out) {
        SourceSpan span = d.span();
        if (span != null) {
            out.append(span.position()).append(": ");
        } else {
            out.append("policyc: ");
        }
        out.append(d.severity().label()).append(": ").append(d.message()).append('\n');
        if (span != null) {
            sources.line(span.file(), span.line()).ifPresent(text -> excerpt(text, span, out));
        }
        if (d.hint() != null) {
            out.append("hint: ").append(d.hint()).append('\n');
        }
    }

    private static void excerpt(String text, SourceSpan span, StringBuilder out) {
        out.append(text).append('\n');
        int start = Math.min(span.column() - 1, text.length());
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < start; i++) {
            caret.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        caret.append('^');
        int underline = Math.min(span.length(), Math.max(1, text.length() - start));
        for (int i = 1; i < underline; i++) {
            caret.append('~');
        }
        out.append(caret).append('\n');
    }
}
