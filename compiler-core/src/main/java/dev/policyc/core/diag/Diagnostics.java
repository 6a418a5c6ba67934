package dev.policyc.core.diag;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A collector of {@link Diagnostic}s for one run of one stage. Not shared between runs: each
 * compilation makes its own, and stages return {@link #toList()} in their results.
 */
public final class Diagnostics {

    /** File, then line, then column, then errors before warnings; unlocated findings first. */
    public static final Comparator<Diagnostic> SOURCE_ORDER =
            Comparator.<Diagnostic, String>comparing(d -> d.span() == null ? "" : d.span().file())
                    .thenComparingInt(d -> d.span() == null ? 0 : d.span().line())
                    .thenComparingInt(d -> d.span() == null ? 0 : d.span().column())
                    .thenComparing(Diagnostic::severity);

    private final List<Diagnostic> found = new ArrayList<>();

    public Diagnostics add(Diagnostic diagnostic) {
        found.add(diagnostic);
        return this;
    }

    public Diagnostics addAll(Collection<Diagnostic> diagnostics) {
        found.addAll(diagnostics);
        return this;
    }

    public Diagnostics error(String code, SourceSpan span, String message) {
        return add(Diagnostic.error(code, span, message));
    }

    public Diagnostics error(String code, SourceSpan span, String message, String hint) {
        return add(Diagnostic.error(code, span, message).withHint(hint));
    }

    public Diagnostics warning(String code, SourceSpan span, String message) {
        return add(Diagnostic.warning(code, span, message));
    }

    public Diagnostics warning(String code, SourceSpan span, String message, String hint) {
        return add(Diagnostic.warning(code, span, message).withHint(hint));
    }

    public boolean hasErrors() {
        return found.stream().anyMatch(Diagnostic::isError);
    }

    public int errorCount() {
        return (int) found.stream().filter(Diagnostic::isError).count();
    }

    public int size() {
        return found.size();
    }

    /** What was found so far, in the order it was found. */
    public ImmutableList<Diagnostic> toList() {
        return ImmutableList.copyOf(found);
    }

    /** True when any of {@code diagnostics} is an error. */
    public static boolean anyErrors(Collection<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
