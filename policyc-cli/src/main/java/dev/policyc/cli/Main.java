package dev.policyc.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.collect.ImmutableList;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code policyc} command line.
 *
 * <p>As in google-java-format, the program is an object with its three streams, and
 * {@link #run} returns the exit code instead of exiting, so tests run it in-process with
 * strings. Only {@link #main} calls {@link System#exit}. Exit codes are listed in
 * {@link ExitCode}; subcommands are listed in {@link Subcommands}.
 */
public final class Main {

    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream in;
    private final CliEnvironment environment;
    private final ImmutableList<SubcommandFactory> subcommands;

    /** A command line with the built-in subcommands and the real environment. */
    public Main(PrintWriter out, PrintWriter err, InputStream in) {
        this(out, err, in, CliEnvironment.system(), Subcommands.BUILT_IN);
    }

    /**
     * A command line with the given environment and subcommands, for tests and embedding.
     *
     * @param subcommands the subcommands, in the order {@code --help} lists them
     */
    public Main(PrintWriter out, PrintWriter err, InputStream in, CliEnvironment environment,
            List<SubcommandFactory> subcommands) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.environment = environment;
        this.subcommands = ImmutableList.copyOf(subcommands);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), UTF_8));
        int code = new Main(out, err, System.in).run(args);
        System.exit(code);
    }

    /**
     * Runs one command line.
     *
     * @return the process exit code, one of {@link ExitCode}
     */
    public int run(String... args) {
        InternalErrorHandler internalErrors = new InternalErrorHandler(err, environment);
        try {
            return commandLine(internalErrors, args).execute(args);
        } catch (RuntimeException | Error e) {
            // Thrown outside a command's call(): while building the commands, or by picocli.
            return internalErrors.report(e);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The command tree that {@link #run} parses with: for tests that inspect every command and option. */
    CommandLine commandTree() {
        return commandLine(new InternalErrorHandler(err, environment));
    }

    private CommandLine commandLine(InternalErrorHandler internalErrors, String... args) {
        GlobalOptions options = new GlobalOptions();
        CliContext context = new CliContext(out, err, in, environment, options);
        CommandLine root = new CommandLine(new RootCommand(options));
        for (Object command : commandsFor(args, context)) {
            root.addSubcommand(withHelpOption(new CommandLine(command)));
        }
        // Settings made on the root after the subcommands were added reach them too.
        root.setOut(out);
        root.setErr(err);
        root.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        root.setParameterExceptionHandler(new UsageErrorHandler());
        root.setExecutionExceptionHandler(internalErrors);
        return root;
    }

    /**
     * The subcommands this run builds. picocli reflects over every option of every command it is
     * given, tens of milliseconds of each run at start-up; a command line that names a subcommand
     * needs that one alone. The root's options take no value, so the first argument not starting
     * with {@code -} after {@code --quiet} is the subcommand's name. Anything else gets every subcommand: no
     * subcommand (the root's help lists them), a misspelt one (the error suggests names), one
     * that is not an annotated command object (picocli's {@code help}), or one that reads the
     * whole tree ({@code completion}).
     */
    private List<Object> commandsFor(String[] args, CliContext context) {
        List<Object> all = new ArrayList<>(subcommands.size());
        Optional<String> named = Optional.empty();
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                named = Optional.of(arg);
                break;
            }
            if (!arg.equals(RootCommand.QUIET_SHORT) && !arg.equals(RootCommand.QUIET_LONG)) {
                break; // the root's help or version, or a usage error: all of them, as picocli expects
            }
        }
        for (SubcommandFactory factory : subcommands) {
            Object command = factory.create(context);
            Command annotation = command.getClass().getAnnotation(Command.class);
            if (named.isPresent() && annotation != null && !(command instanceof ReadsWholeTree)
                    && (annotation.name().equals(named.get()) || Arrays.asList(annotation.aliases()).contains(named.get()))) {
                return List.of(command);
            }
            all.add(command);
        }
        return all;
    }

    /**
     * Gives a subcommand {@code -h/--help} unless it has its own (picocli's {@code help} command
     * does), so that subcommand authors need not remember it.
     */
    private static CommandLine withHelpOption(CommandLine subcommand) {
        CommandSpec spec = subcommand.getCommandSpec();
        if (spec.findOption("--help") == null && spec.findOption("-h") == null) {
            spec.addOption(OptionSpec.builder("-h", "--help")
                    .usageHelp(true)
                    .description(RootCommand.HELP_DESCRIPTION)
                    .build());
        }
        return subcommand;
    }
}
