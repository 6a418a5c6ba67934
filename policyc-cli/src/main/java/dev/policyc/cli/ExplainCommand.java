package dev.policyc.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.SourceLines;
import dev.policyc.core.eval.Decision;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.FlowSyntax;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Rule;
import dev.policyc.dsl.expect.DecisionText;
import java.io.PrintWriter;
import java.nio.file.Path;
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

/**
 * {@code policyc explain FILE --flow "..."}: the verdict of one flow and the rules that decide
 * it, as text or (with {@code --format json}) as a JSON document.
 */
@Command(name = "explain",
        description = "Show the verdict of one flow and which rules (file:line) or which default decide it.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  policyc explain webapp.policy --flow \"out tcp 10.20.99.5 5432\" \\",
            "      --hosts hosts --resolver 10.0.2.3",
            "  policyc explain all.policy --policy webapp --flow \"in tcp 203.0.113.9 22\" \\",
            "      --hosts hosts --resolver 10.0.2.3",
            "  policyc explain webapp.policy --flow \"out udp 9.9.9.9 53\" \\",
            "      --hosts hosts --resolver 10.0.2.3 --format json | jq -r .verdict"
        })
final class ExplainCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The policy file.")
    Path file;

    @Option(names = "--policy", paramLabel = "NAME", description = "The policy (needed when FILE has several).")
    String policy;

    @Option(names = "--flow", required = true, paramLabel = "FLOW",
            description = "DIRECTION PROTOCOL ADDRESS [PORT], e.g. \"out tcp 1.1.1.1 53\".")
    String flowText;

    @Mixin
    NameOptions names;

    @Mixin
    FormatOption output;

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
        PolicyLoading loading = new PolicyLoading(context, spec, PolicyLoading.configured(spec, names).build());
        Optional<PolicyIr> bound = loading.compile(List.of(file.toString()))
                .flatMap(c -> loading.bind(c, loading.select(c, policy, file.toString()).name()));
        if (output.json()) {
            return printJson(bound, flow, loading).code();
        }
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

    /**
     * The JSON form: the explanation, then the diagnostics. When the policy has errors there is
     * nothing to explain: the explanation's fields are null (the flow is still given).
     */
    private ExitCode printJson(Optional<PolicyIr> bound, Flow flow, PolicyLoading loading) {
        JsonOutput json = new JsonOutput(context.quiet());
        ObjectNode document = json.document();
        Optional<Decision> decision = bound.map(policy -> ReferenceEvaluator.evaluate(policy, flow));
        SourceLines lines = loading.lines();
        document.put("policy", bound.map(PolicyIr::name).orElse(null));
        JsonOutput.putFlow(document.putObject("flow"), flow);
        document.put("verdict", decision.map(d -> d.verdict().keyword()).orElse(null));
        document.put("logged", decision.map(Decision::logged).orElse(null));
        document.put("decidedBy", decision.map(d -> d.isDefault() ? "default" : "rules").orElse(null));
        putRules(document, "deciding", decision.map(Decision::deciding), flow, lines);
        putRules(document, "overridden", decision.map(Decision::overridden), flow, lines);
        decision.flatMap(Decision::byDefault).ifPresentOrElse(
                action -> putDefault(document.putObject("default"), action),
                () -> document.putNull("default"));
        ExitCode result = json.addDiagnostics(document, loading.diagnostics());
        json.print(context.out(), document);
        return result;
    }

    private static void putRules(ObjectNode document, String field, Optional<ImmutableList<Rule>> rules, Flow flow,
            SourceLines lines) {
        if (rules.isEmpty()) {
            document.putNull(field);
            return;
        }
        ArrayNode array = document.putArray(field);
        rules.get().forEach(rule -> putRule(array.addObject(), rule, flow, lines));
    }

    private static void putRule(ObjectNode into, Rule rule, Flow flow, SourceLines lines) {
        JsonOutput.addPosition(into, Optional.of(rule.span()));
        into.put("source", DecisionText.sourceText(rule, lines));
        into.put("verdict", rule.verdict().keyword());
        into.put("log", rule.log());
        into.put("comment", rule.comment().orElse(null));
        into.put("matched", DecisionText.matchedOrigin(rule, flow).orElse(null));
    }

    private static void putDefault(ObjectNode into, DefaultAction action) {
        into.put("verdict", action.verdict().keyword());
        into.put("log", action.log());
        into.put("implicit", action.span().isEmpty());
        JsonOutput.addPosition(into, action.span());
    }
}
