package dev.policyc.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Answers a wrong command line the way Unix tools do: one line saying what is wrong, a
 * did-you-mean where picocli has one, a pointer to {@code --help}, and exit code 2. The full
 * usage text is not repeated: it buries the message.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        err.println(name + ": " + describe(ex));
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return ExitCode.USAGE.code();
    }

    private static String describe(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            return describeUnmatched(unmatched);
        }
        return lowerFirst(String.valueOf(ex.getMessage()));
    }

    private static String describeUnmatched(UnmatchedArgumentException ex) {
        List<String> unmatched = ex.getUnmatched();
        String first = unmatched.get(0);
        if (first.startsWith("-") && first.length() > 1) {
            return "unknown option '" + first + "'";
        }
        boolean takesCommands = !ex.getCommandLine().getSubcommands().isEmpty()
                && ex.getCommandLine().getCommandSpec().positionalParameters().isEmpty();
        if (takesCommands) {
            return "unknown command '" + first + "'";
        }
        String quoted = unmatched.stream().map(arg -> "'" + arg + "'").collect(Collectors.joining(", "));
        return (unmatched.size() == 1 ? "unexpected argument " : "unexpected arguments ") + quoted;
    }

    /** picocli's messages start with a capital; ours, like diagnostics, start lower-case. */
    private static String lowerFirst(String message) {
        if (message.length() > 1 && Character.isUpperCase(message.charAt(0))
                && !Character.isUpperCase(message.charAt(1))) {
            return message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
        }
        return message;
    }
}
