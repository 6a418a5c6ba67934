package dev.policyc.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception that escaped a command into one line and exit code 3. An exception is a
 * bug by definition (bad input becomes diagnostics), and a stack trace frightens users without
 * helping them; {@code POLICYC_DEBUG=1} brings it back for whoever fixes the bug.
 */
final class InternalErrorHandler implements IExecutionExceptionHandler {

    static final String DEBUG_VARIABLE = "POLICYC_DEBUG";

    private final PrintWriter err;
    private final boolean debug;

    InternalErrorHandler(PrintWriter err, CliEnvironment environment) {
        this.err = err;
        String value = environment.variable(DEBUG_VARIABLE).orElse("");
        this.debug = !value.isEmpty() && !value.equals("0");
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
        return report(ex);
    }

    /** Prints the one-line report (and the stack trace when debugging); returns exit code 3. */
    int report(Throwable failure) {
        err.println("policyc: internal error: " + oneLine(failure));
        if (debug) {
            failure.printStackTrace(err);
        } else {
            err.println("policyc: this is a bug; please report it with the command and input that"
                    + " caused it (" + DEBUG_VARIABLE + "=1 shows the stack trace)");
        }
        err.flush();
        return ExitCode.INTERNAL_ERROR.code();
    }

    private static String oneLine(Throwable failure) {
        String message = failure.getMessage();
        String type = failure.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return type;
        }
        int newline = message.indexOf('\n');
        return type + ": " + (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
