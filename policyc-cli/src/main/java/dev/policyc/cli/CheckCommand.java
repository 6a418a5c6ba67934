package dev.policyc.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code policyc check FILE...}: parse, resolve and lint; exit 1 on errors. With
 * {@code --format json} the diagnostics are a JSON document on standard output instead.
 */
@Command(name = "check",
        description = "Parse, resolve and lint policy files; exit 1 when any has an error.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  policyc check webapp.policy",
            "  policyc check policies/*.policy policies/*.yaml",
            "  policyc check --quiet webapp.policy      # errors only",
            "  policyc check --format json webapp.policy | jq '.summary.errors'"
        })
final class CheckCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Policy files (DSL, or YAML when named .yaml/.yml).")
    List<Path> files;

    @Mixin
    FormatOption output;

    CheckCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PolicyLoading loading = new PolicyLoading(context, spec);
        loading.compile(files.stream().map(Path::toString).toList());
        if (!output.json()) {
            return loading.report().code();
        }
        JsonOutput json = new JsonOutput(context.quiet());
        ObjectNode document = json.document();
        ArrayNode names = document.putArray("files");
        files.forEach(file -> names.add(file.toString()));
        ExitCode result = json.addDiagnostics(document, loading.diagnostics());
        json.print(context.out(), document);
        return result.code();
    }
}
