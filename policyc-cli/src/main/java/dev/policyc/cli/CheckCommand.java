package dev.policyc.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code policyc check FILE...}: parse, resolve and lint; exit 1 on errors. */
@Command(name = "check",
        description = "Parse, resolve and lint policy files; exit 1 when any has an error.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  policyc check webapp.policy",
            "  policyc check policies/*.policy policies/*.yaml",
            "  policyc check --quiet webapp.policy      # errors only"
        })
final class CheckCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Policy files (DSL, or YAML when named .yaml/.yml).")
    List<String> files;

    CheckCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PolicyLoading loading = new PolicyLoading(context, spec);
        loading.compile(files);
        return loading.report().code();
    }
}
