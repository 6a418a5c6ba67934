package dev.policyc.cli;

import dev.policyc.core.diag.SourceLines;
import dev.policyc.core.eval.Decision;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.FlowSyntax;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.dsl.expect.DecisionText;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code policyc explain FILE --flow "..."}: the verdict of one flow and the rules that decide it. */
@Command(name = "explain",
        description = "Show the verdict of one flow and which rules (file:line) or which default decide it.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  policyc explain webapp.policy --policy webapp --flow \"out tcp 10.20.99.5 5432\"",
            "  policyc explain webapp.policy --flow \"in tcp 203.0.113.9 22\" --hosts hosts --resolver 10.0.2.3"
        })
final class ExplainCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The policy file.")
    String file;

    @Option(names = "--policy", paramLabel = "NAME", description = "The policy (needed when FILE has several).")
    String policy;

    @Option(names = "--flow", required = true, paramLabel = "FLOW",
            description = "DIRECTION PROTOCOL ADDRESS [PORT], e.g. \"out tcp 1.1.1.1 53\".")
    String flowText;

    @Mixin
    NameOptions names;

    ExplainCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        FlowSyntax.Result parsedFlow = FlowSyntax.parse(flowText);
        if (parsedFlow instanceof FlowSyntax.Malformed bad) {
            throw new ParameterException(spec.commandLine(), "--flow \"" + flowText + "\": " + bad.message()
                    + bad.hint().map(h -> " (" + h + ")").orElse(""));
        }
        Flow flow = ((FlowSyntax.Parsed) parsedFlow).flow();
        PolicyLoading loading = new PolicyLoading(context, spec);
        Optional<PolicyIr> bound = loading.compile(List.of(file))
                .map(program -> loading.select(program, policy, file))
                .flatMap(p -> loading.bind(p, names));
        ExitCode reported = loading.report();
        if (bound.isEmpty()) {
            return reported.code();
        }
        print(bound.get(), flow, ReferenceEvaluator.evaluate(bound.get(), flow), loading.lines());
        return ExitCode.OK.code();
    }

    private void print(PolicyIr policy, Flow flow, Decision decision, SourceLines lines) {
        PrintWriter out = context.out();
        out.println(decision.verdict().keyword() + ": " + flow + "  (policy " + policy.name() + ")");
        if (decision.isDefault()) {
            DefaultAction action = decision.byDefault().orElseThrow();
            String where = action.span().map(s -> " (" + s.fileAndLine() + ")").orElse(" (implicit: the policy sets none)");
            out.println("  no rule matches; the default for " + flow.direction().keyword() + " flows decides: "
                    + action.verdict().keyword() + where + (action.log() ? ", logged" : ""));
            return;
        }
        String verb = decision.deciding().size() == 1 ? "rule decides" : "rules decide";
        out.println("  " + decision.deciding().size() + " " + verb + ":");
        decision.deciding().forEach(rule -> out.println("    " + DecisionText.rule(rule, flow, lines)));
        if (!decision.overridden().isEmpty()) {
            out.println("  deny wins over " + decision.overridden().size() + " matching allow rule"
                    + (decision.overridden().size() == 1 ? "" : "s") + ":");
            decision.overridden().forEach(rule -> out.println("    " + DecisionText.rule(rule, flow, lines)));
        }
    }
}
