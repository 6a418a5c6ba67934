package dev.policyc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Severity;
import dev.policyc.core.diag.SourceLines;
import dev.policyc.core.diag.SourceSpan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Colour only decorates: without the escape codes, the text is exactly the plain rendering. */
class DiagnosticReporterProperties {

    /** Every line of every file is the same text, which may be empty or contain tabs. */
    @Property(tries = 300)
    void colourAddsNothingButEscapeCodes(
            @ForAll("diagnostics") List<Diagnostic> diagnostics,
            @ForAll("sourceLine") Optional<String> sourceLine,
            @ForAll boolean quiet) {
        SourceLines sources = (file, line) -> sourceLine;
        assertEquals(render(diagnostics, sources, false, quiet),
                DiagnosticReporterTest.stripAnsi(render(diagnostics, sources, true, quiet)));
    }

    private static String render(List<Diagnostic> diagnostics, SourceLines sources, boolean colour,
            boolean quiet) {
        StringWriter err = new StringWriter();
        new DiagnosticReporter(new PrintWriter(err), colour, quiet).report(diagnostics, sources);
        return err.toString();
    }

    @Provide
    Arbitrary<Optional<String>> sourceLine() {
        return Arbitraries.strings().withChars("ab \t$:^~").ofMaxLength(30).optional();
    }

    @Provide
    Arbitrary<List<Diagnostic>> diagnostics() {
        // Texts may contain the words and marks the colouring looks for, and line breaks.
        Arbitrary<String> text = Arbitraries.strings().withChars("abz :\n^~").ofMinLength(1).ofMaxLength(20)
                .map(s -> s.replace("\r", ""));
        Arbitrary<String> wordy = Arbitraries.oneOf(text, Arbitraries.of("error: x", "hint: y", "warning:"));
        Arbitrary<SourceSpan> span = Combinators.combine(
                Arbitraries.of("a.policy", "error: b", "dir/c.policy"),
                Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 40),
                Arbitraries.integers().between(0, 10)).as(SourceSpan::new);
        Arbitrary<Diagnostic> diagnostic = Combinators.combine(
                Arbitraries.of(Severity.class), wordy, span.injectNull(0.2), wordy.injectNull(0.4))
                .as((severity, message, where, hint) -> new Diagnostic(severity, "code", message, where, hint));
        return diagnostic.list().ofMaxSize(5);
    }
}
