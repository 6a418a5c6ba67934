package dev.policyc.cli;

/**
 * Makes one subcommand for one run of {@link Main}.
 *
 * <p>The object returned is a picocli command: a class annotated with
 * {@code @Command(name = "...", description = "...")} that implements
 * {@code Callable<Integer>} and returns an {@link ExitCode#code()}. The usual implementation
 * is a constructor reference, {@code CheckCommand::new}, of a class whose constructor takes the
 * {@link CliContext}. Register it in {@link Subcommands#BUILT_IN}.
 */
@FunctionalInterface
public interface SubcommandFactory {

    /** A new command object; {@code context} is where it writes, reads and reports. */
    Object create(CliContext context);
}
