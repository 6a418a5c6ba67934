package dev.policyc.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code policyc completion}: prints a shell completion script for every command and option.
 * picocli generates it from the same command model that parses the arguments, so it cannot
 * fall behind a new option. The script is written for bash; in zsh it loads zsh's
 * {@code bashcompinit} itself and works the same.
 */
@Command(name = "completion",
        description = {"Print a completion script for bash and zsh: every command, option and option value.",
            "Load it with: source <(policyc completion)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  source <(policyc completion)                         # this shell only",
            "  echo 'source <(policyc completion)' >> ~/.bashrc     # or ~/.zshrc",
            "  policyc completion > /etc/bash_completion.d/policyc  # every user (root)"
        })
final class CompletionCommand implements Callable<Integer>, ReadsWholeTree {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    CompletionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String rootName = spec.root().name();
        context.out().print(AutoComplete.bash(rootName, spec.root().commandLine()));
        return ExitCode.OK.code();
    }
}
