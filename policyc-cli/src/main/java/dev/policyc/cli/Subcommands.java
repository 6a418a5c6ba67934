package dev.policyc.cli;

import com.google.common.collect.ImmutableList;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;

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
            CompileCommand::new,
            InstallCommand::new,
            DoctorCommand::new,
            VerifyCommand::new,
            TestCommand::new,
            CompletionCommand::new,
            context -> helpCommand());

    private Subcommands() {}

    /** picocli's {@code help} command, with the examples footer that every command has. */
    private static CommandSpec helpCommand() {
        CommandSpec spec = CommandSpec.forAnnotatedObject(new HelpCommand());
        spec.usageMessage()
                .footerHeading("%nExamples:%n")
                .footer("  policyc help              # the list of commands",
                        "  policyc help explain      # the same as: policyc explain --help");
        return spec;
    }
}
