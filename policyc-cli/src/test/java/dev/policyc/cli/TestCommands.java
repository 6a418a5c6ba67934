package dev.policyc.cli;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceLines;
import dev.policyc.core.diag.SourceSpan;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Subcommands that exist only in tests, to drive every path of the frame. */
final class TestCommands {

    static final String POLICY_LINE = "    allow out tcp to $wbe port 443";

    static final Diagnostic UNUSED = Diagnostic.warning("unused-define",
            new SourceSpan("t.policy", 1, 12, 3), "define web is never used")
            .withHint("remove it or refer to it as $web");
    static final Diagnostic UNDEFINED = Diagnostic.error("undefined-name",
            new SourceSpan("t.policy", 2, 22, 4), "undefined name $wbe")
            .withHint("did you mean $web?");

    /** What {@code lint} reports, with the source lines its spans point into. */
    static final SourceLines SOURCE = (file, line) -> switch (line) {
        case 1 -> Optional.of("define ports web = { 80, 443 }");
        case 2 -> Optional.of(POLICY_LINE);
        default -> Optional.empty();
    };

    /** The test subcommands, as a developer would list them in {@link Subcommands}. */
    static final ImmutableList<SubcommandFactory> ALL =
            ImmutableList.of(Lint::new, Boom::new, Overflow::new);

    private TestCommands() {}

    /** Reports a warning, and an error unless {@code --clean}; needs one FILE argument. */
    @Command(name = "lint", description = "Report canned diagnostics about FILE.")
    static final class Lint implements Callable<Integer> {
        private final CliContext cli;

        @Parameters(paramLabel = "FILE", description = "A policy file.")
        private String file;

        @Option(names = "--clean", description = "Report the warning only.")
        private boolean clean;

        Lint(CliContext cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            cli.out().println("linted " + file);
            List<Diagnostic> found = clean ? List.of(UNUSED) : List.of(UNUSED, UNDEFINED);
            return cli.reporter().report(found, SOURCE).code();
        }
    }

    /** Fails with a bug. */
    @Command(name = "boom", description = "Throw an exception.")
    static final class Boom implements Callable<Integer> {
        Boom(CliContext cli) {}

        @Override
        public Integer call() {
            throw new IllegalStateException("the flux capacitor broke\nsecond line of the message");
        }
    }

    /** Fails with an Error, which picocli does not catch. */
    @Command(name = "overflow", description = "Throw a StackOverflowError.")
    static final class Overflow implements Callable<Integer> {
        Overflow(CliContext cli) {}

        @Override
        public Integer call() {
            throw new StackOverflowError();
        }
    }
}
