package dev.policyc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code policyc} command itself: the options every subcommand shares, and the text of
 * {@code policyc --help}. It does nothing on its own; a subcommand is required.
 */
@Command(
        name = "policyc",
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        // Only picocli's default handlers read these; ours return the same codes.
        exitCodeOnInvalidInput = 2,
        exitCodeOnExecutionException = 3,
        description = "Compiles container firewall policies to nftables, iptables and OCI hooks.",
        footer = {"", "Exit codes: 0 success, 1 policy invalid or check failed, 2 command-line error,"
                + " 3 internal error."})
final class RootCommand implements Callable<Integer> {

    static final String HELP_DESCRIPTION = "Show this help and exit.";

    private final GlobalOptions options;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = HELP_DESCRIPTION)
    private boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true,
            description = "Print the version and exit.")
    private boolean version;

    RootCommand(GlobalOptions options) {
        this.options = options;
    }

    /** The names of the one root option that may come before the subcommand's name. */
    static final String QUIET_SHORT = "-q";
    static final String QUIET_LONG = "--quiet";

    @Option(names = {QUIET_SHORT, QUIET_LONG}, scope = ScopeType.INHERIT,
            description = "Leave warnings out; show errors only.")
    void setQuiet(boolean quiet) {
        options.setQuiet(quiet);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }
}
