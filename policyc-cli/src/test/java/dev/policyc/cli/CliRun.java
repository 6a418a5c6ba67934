package dev.policyc.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/** One in-process run of {@link Main} with strings for its streams: what tests look at. */
record CliRun(int exitCode, String out, String err) {

    /** Runs {@code args} with the given subcommands, environment variables and terminal fact. */
    static CliRun run(List<SubcommandFactory> subcommands, Map<String, String> env, boolean tty,
            String... args) {
        return runWithInput(subcommands, env, tty, "", args);
    }

    /** Runs {@code args} with {@code stdin} as standard input. */
    static CliRun runWithInput(List<SubcommandFactory> subcommands, Map<String, String> env, boolean tty,
            String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main main = new Main(new PrintWriter(out), new PrintWriter(err),
                new ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                CliEnvironment.of(env, tty), subcommands);
        int code = main.run(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs {@code args} with the given subcommands, no environment and no terminal. */
    static CliRun run(List<SubcommandFactory> subcommands, String... args) {
        return run(subcommands, Map.of(), false, args);
    }
}
