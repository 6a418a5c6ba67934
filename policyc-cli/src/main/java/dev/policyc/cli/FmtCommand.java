package dev.policyc.cli;

import dev.policyc.core.diag.Diagnostics;
import dev.policyc.dsl.format.FormatResult;
import dev.policyc.dsl.format.PolicyFormatter;
import dev.policyc.dsl.load.PolicyFormat;
import dev.policyc.dsl.parse.DslParser;
import dev.policyc.dsl.parse.ParseResult;
import dev.policyc.dsl.yaml.YamlPolicyReader;
import dev.policyc.dsl.yaml.YamlPolicyWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code policyc fmt FILE [--check]}: the canonical form of a policy file. It needs only a
 * file that parses: names and literals are printed as written, so formatting never changes
 * what a policy means. YAML files can be converted ({@code --to}) but not rewritten in
 * place, because YAML comments would be lost.
 */
@Command(name = "fmt",
        description = {"Print FILE in canonical form; with --check, exit 1 when it is not; with --write, rewrite it.",
            "--to converts between the DSL and YAML (printed to standard output)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  policyc fmt webapp.policy            # canonical text on standard output",
            "  policyc fmt --check webapp.policy    # exit 1 if it is not canonical (CI)",
            "  policyc fmt --write webapp.policy    # rewrite the file",
            "  policyc fmt --to yaml webapp.policy > webapp.yaml"
        })
final class FmtCommand implements Callable<Integer> {

    /** The two forms {@code --to} accepts. */
    enum Target { dsl, yaml }

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A policy file (DSL, or YAML when named .yaml/.yml).")
    Path path;

    @Option(names = "--check", description = "Print nothing; exit 1 when FILE is not in canonical form.")
    boolean check;

    @Option(names = {"-w", "--write"}, description = "Rewrite FILE in canonical form.")
    boolean write;

    @Option(names = "--to", paramLabel = "FORM", description = "Print as 'dsl' or 'yaml' (default: FILE's own form).")
    Target to;

    FmtCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        String file = path.toString();
        PolicyFormat format = PolicyFormat.forFile(file);
        Target target = to != null ? to : format == PolicyFormat.YAML ? Target.yaml : Target.dsl;
        if (check && write) {
            throw new ParameterException(spec.commandLine(), "--check and --write exclude each other");
        }
        if ((check || write) && (format == PolicyFormat.YAML || target == Target.yaml)) {
            throw new ParameterException(spec.commandLine(), (check ? "--check" : "--write")
                    + " works on DSL files only: YAML comments cannot be kept; use --to to convert");
        }
        Diagnostics diagnostics = new Diagnostics();
        SourceTexts texts = new SourceTexts();
        Optional<String> text = texts.read(file, diagnostics);
        if (text.isEmpty()) {
            return context.reporter().report(diagnostics.toList(), texts).code();
        }
        ParseResult parsed = format == PolicyFormat.YAML
                ? YamlPolicyReader.parse(file, text.get()) : DslParser.parse(file, text.get());
        diagnostics.addAll(parsed.diagnostics());
        if (parsed.hasErrors()) {
            return context.reporter().report(diagnostics.toList(), texts).code();
        }
        String formatted;
        if (target == Target.yaml) {
            formatted = YamlPolicyWriter.write(parsed.unit());
        } else {
            FormatResult result = PolicyFormatter.tryFormat(parsed.unit());
            diagnostics.addAll(result.diagnostics());
            if (result.text().isEmpty()) {
                return context.reporter().report(diagnostics.toList(), texts).code();
            }
            formatted = result.text().get();
        }
        context.reporter().report(diagnostics.toList(), texts);
        if (check) {
            boolean same = formatted.equals(text.get());
            if (!same) {
                context.err().println(file + ": not in canonical form; 'policyc fmt --write " + file + "' fixes it");
            }
            return ExitCode.failedIf(!same).code();
        }
        if (write) {
            if (!formatted.equals(text.get())) {
                Files.writeString(path, formatted, StandardCharsets.UTF_8);
            }
            return ExitCode.OK.code();
        }
        context.out().print(formatted);
        return ExitCode.OK.code();
    }
}
