package dev.policyc.cli;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.DiagnosticPrinter;
import dev.policyc.core.diag.Severity;
import dev.policyc.core.diag.SourceLines;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Shows diagnostics to the user on standard error: each rendered by {@link DiagnosticPrinter},
 * optionally coloured, then a summary line such as {@code 1 error, 2 warnings}.
 *
 * <p>Subcommands get one from {@link CliContext#reporter()}, which already honours
 * {@code --quiet} and the colour decision; they never print diagnostics themselves.
 */
public final class DiagnosticReporter {

    private final PrintWriter err;
    private final boolean colour;
    private final boolean quiet;

    /**
     * @param err    where diagnostics go
     * @param colour whether to add ANSI colours (see {@link #useColour(CliEnvironment)})
     * @param quiet  whether to leave warnings out
     */
    public DiagnosticReporter(PrintWriter err, boolean colour, boolean quiet) {
        this.err = err;
        this.colour = colour;
        this.quiet = quiet;
    }

    /**
     * Colour only when standard error is a terminal, {@code NO_COLOR} is unset or empty (see
     * no-color.org) and the terminal is not {@code TERM=dumb}.
     */
    public static boolean useColour(CliEnvironment environment) {
        return environment.stderrIsTerminal()
                && !environment.isSet("NO_COLOR")
                && !environment.variable("TERM").orElse("").equals("dumb");
    }

    /**
     * Prints {@code diagnostics} in the order given (warnings left out when quiet), then a
     * summary line when anything was printed.
     *
     * @param sources the text of the files the diagnostics point into, for the source excerpt
     * @return {@link ExitCode#FAILED} when any diagnostic is an error, else {@link ExitCode#OK}
     */
    public ExitCode report(Collection<Diagnostic> diagnostics, SourceLines sources) {
        DiagnosticPrinter printer = new DiagnosticPrinter(sources);
        int errors = 0;
        int warnings = 0;
        for (Diagnostic diagnostic : diagnostics) {
            if (diagnostic.severity() == Severity.WARNING) {
                if (quiet) {
                    continue;
                }
                warnings++;
            } else {
                errors++;
            }
            String text = printer.render(diagnostic);
            err.print(colour ? colourise(diagnostic, text) : text);
        }
        if (errors + warnings > 0) {
            err.println(summary(errors, warnings));
        }
        err.flush();
        return ExitCode.failedIf(errors > 0);
    }

    /** {@code 1 error, 2 warnings}; either part left out when zero. */
    static String summary(int errors, int warnings) {
        List<String> parts = new ArrayList<>(2);
        if (errors > 0) {
            parts.add(count(errors, "error"));
        }
        if (warnings > 0) {
            parts.add(count(warnings, "warning"));
        }
        return String.join(", ", parts);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * Colours the plain rendering of one diagnostic. The printer's layout is fixed (header
     * line(s), then optionally the source line and the caret line, then optionally the hint), so
     * the parts are found by counting lines from both ends rather than by parsing text that
     * could contain anything a user wrote.
     */
    private static String colourise(Diagnostic diagnostic, String plain) {
        String[] lines = plain.split("\n", -1);
        // The rendering ends with a newline, so the last element is empty.
        int total = lines.length - 1;
        int headerLines = lineCount(diagnostic.message());
        int hintLines = diagnostic.hint() == null ? 0 : lineCount(diagnostic.hint());
        int excerptLines = total - headerLines - hintLines;

        StringBuilder out = new StringBuilder(plain.length() + 64);
        String label = diagnostic.severity().label() + ":";
        String labelColour = diagnostic.isError() ? Ansi.BOLD_RED : Ansi.BOLD_YELLOW;
        String header = lines[0];
        String where = diagnostic.location().map(span -> span.position() + ": ").orElse("policyc: ");
        if (header.startsWith(where + label)) {
            int afterLabel = where.length() + label.length();
            out.append(Ansi.BOLD).append(where).append(Ansi.RESET)
                    .append(labelColour).append(label).append(Ansi.RESET)
                    .append(header, afterLabel, header.length());
        } else {
            out.append(header);
        }
        out.append('\n');
        for (int i = 1; i < headerLines; i++) {
            out.append(lines[i]).append('\n');
        }
        if (excerptLines == 2) {
            out.append(lines[headerLines]).append('\n');
            out.append(Ansi.BOLD_GREEN).append(lines[headerLines + 1]).append(Ansi.RESET).append('\n');
        } else {
            for (int i = headerLines; i < headerLines + excerptLines; i++) {
                out.append(lines[i]).append('\n');
            }
        }
        for (int i = total - hintLines; i < total; i++) {
            String line = lines[i];
            if (i == total - hintLines && line.startsWith("hint:")) {
                out.append(Ansi.BOLD_CYAN).append("hint:").append(Ansi.RESET).append(line.substring(5));
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static int lineCount(String text) {
        return (int) text.chars().filter(c -> c == '\n').count() + 1;
    }

    /** The few ANSI SGR sequences used here. */
    static final class Ansi {
        static final String RESET = "\u001B[0m";
        static final String BOLD = "\u001B[1m";
        static final String BOLD_RED = "\u001B[1;31m";
        static final String BOLD_YELLOW = "\u001B[1;33m";
        static final String BOLD_GREEN = "\u001B[1;32m";
        static final String BOLD_CYAN = "\u001B[1;36m";

        private Ansi() {}
    }
}
