package dev.policyc.cli;

import dev.policyc.core.eval.FlowSyntax;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.ir.PolicyIr;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code policyc eval FILE --policy NAME}: one verdict a line for the flows on standard input.
 * Blank lines and {@code #} comments are skipped; a malformed line prints {@code error: ...}
 * in its place, so answers stay in step with questions, and the exit status is 1 at the end.
 */
@Command(name = "eval",
        description = {"Print the verdict (allow or deny) of each flow read from standard input.",
            "A flow is DIRECTION PROTOCOL ADDRESS [PORT]: PROTOCOL is tcp, udp, icmp, icmpv6 or a number"
                + " 0-255; PORT is given for tcp and udp only."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  printf 'out tcp 10.20.1.5 5432\\nout udp 8.8.8.8 53\\n' |",
            "      policyc eval webapp.policy --hosts hosts --resolver 10.0.2.3",
            "  policyc eval webapp.policy --hosts hosts --resolver 10.0.2.3 < flows.txt",
            "  policyc eval all.policy --policy webapp < flows.txt   # FILE has several"
        })
final class EvalCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The policy file.")
    Path file;

    @Option(names = "--policy", paramLabel = "NAME", description = "The policy to judge by (needed when FILE has several).")
    String policy;

    @Mixin
    NameOptions names;

    EvalCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PolicyLoading loading = new PolicyLoading(context, spec, PolicyLoading.configured(spec, names).build());
        Optional<PolicyIr> bound = loading.compile(List.of(file.toString()))
                .flatMap(c -> loading.bind(c, loading.select(c, policy, file.toString()).name()));
        ExitCode reported = loading.report();
        if (bound.isEmpty()) {
            return reported.code();
        }
        PrintWriter out = context.out();
        boolean malformed = false;
        BufferedReader reader = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8));
        int number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            if (FlowSyntax.isBlankOrComment(line)) {
                continue;
            }
            FlowSyntax.Result result = FlowSyntax.parse(line);
            if (result instanceof FlowSyntax.Parsed parsed) {
                out.println(ReferenceEvaluator.verdict(bound.get(), parsed.flow()).keyword());
            } else {
                FlowSyntax.Malformed bad = (FlowSyntax.Malformed) result;
                malformed = true;
                out.println("error: line " + number + ", column " + bad.column() + ": " + bad.message()
                        + bad.hint().map(h -> " (" + h + ")").orElse(""));
            }
            out.flush();
        }
        return ExitCode.failedIf(malformed).code();
    }
}
