package dev.policyc.cli;

import java.io.InputStream;
import java.io.PrintWriter;

/**
 * What a subcommand gets from the frame for one run: where to write results, where to write
 * diagnostics, where to read standard input, the environment, and a reporter for diagnostics.
 *
 * <p>Subcommands never use {@code System.out}, {@code System.err}, {@code System.in} or
 * {@code System.getenv} directly, so that tests can run them with strings and fixed
 * environments.
 */
public final class CliContext {

    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream in;
    private final CliEnvironment environment;
    private final GlobalOptions options;

    CliContext(PrintWriter out, PrintWriter err, InputStream in, CliEnvironment environment,
            GlobalOptions options) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.environment = environment;
        this.options = options;
    }

    /**
     * Standard output: results (generated rules, verdicts, formatted text). Buffered and flushed
     * when the command returns; flush it yourself after each answer of an interactive command.
     */
    public PrintWriter out() {
        return out;
    }

    /** Standard error: messages for the user. Prefer {@link #reporter()} for diagnostics. */
    public PrintWriter err() {
        return err;
    }

    /** Standard input (flows for {@code eval}, a policy given as {@code -}). */
    public InputStream in() {
        return in;
    }

    /** Environment variables and terminal facts. */
    public CliEnvironment environment() {
        return environment;
    }

    /** True when the user asked for {@code --quiet}. */
    public boolean quiet() {
        return options.quiet();
    }

    /**
     * A reporter that writes to {@link #err()}, honours {@code --quiet} and colours only for a
     * terminal. Ask for it inside {@code call()}, after the options were parsed.
     */
    public DiagnosticReporter reporter() {
        return new DiagnosticReporter(err, DiagnosticReporter.useColour(environment), options.quiet());
    }
}
