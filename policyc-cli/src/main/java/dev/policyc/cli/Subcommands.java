package dev.policyc.cli;

import com.google.common.collect.ImmutableList;

/**
 * The subcommands of {@code policyc}, in the order {@code --help} lists them. This list is the
 * one place where a subcommand is registered; see {@link SubcommandFactory} for what an entry
 * is.
 */
public final class Subcommands {

    /** Every built-in subcommand. Add new ones here, e.g. {@code CheckCommand::new}. */
    public static final ImmutableList<SubcommandFactory> BUILT_IN = ImmutableList.of(
            CheckCommand::new,
            EvalCommand::new,
            ExplainCommand::new,
            FmtCommand::new,
            DiffCommand::new,
            TestCommand::new,
            // compile and verify are added here as they land.
            context -> new picocli.CommandLine.HelpCommand());

    private Subcommands() {}
}
